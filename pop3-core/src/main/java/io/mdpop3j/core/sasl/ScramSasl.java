package io.mdpop3j.core.sasl;

import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.util.Optional;

/**
 * The SCRAM family (RFC 5802, RFC 7677): the password never crosses the wire and the server stores
 * only keys derived from it; the {@code -PLUS} variants also bind the login to the TLS channel, so
 * a man in the middle that terminates TLS cannot pass it on. Found through its four subclasses.
 */
abstract class ScramSasl implements SaslMechanism {

  private final String hash;
  private final boolean plus;
  private final CredentialType type;

  ScramSasl(String hash, boolean plus) {
    this.hash = hash;
    this.plus = plus;
    this.type = hash.equals("SHA-256") ? CredentialType.SCRAM_SHA_256 : CredentialType.SCRAM_SHA_1;
  }

  @Override
  public String name() {
    return "SCRAM-" + hash + (plus ? "-PLUS" : "");
  }

  @Override
  public boolean availableFor(SaslContext context) {
    return context.accepted().contains(type)
        && context.accepted().contains(CredentialType.VERIFIED)
        && (!plus || !context.channelBindings().isEmpty());
  }

  @Override
  public boolean sendsReusableSecret() {
    return false;
  }

  @Override
  public Exchange begin(SaslContext context) {
    ScramServer server =
        new ScramServer(
            hash,
            plus,
            context.channelBindings(),
            context.plusOffered(),
            user -> context.scramKeys(user, hash),
            context.serverSecret(),
            ScramServer.randomNonces(context.random()));
    return new Exchange() {
      private byte[] serverFinal;

      @Override
      public Step step(byte[] response) {
        ScramServer.Step step = server.step(response);
        if (step instanceof ScramServer.Challenge c) {
          return new Challenge(c.data());
        }
        if (step instanceof ScramServer.Verified v) {
          if (v.authorizationId().isPresent() && !v.authorizationId().get().equals(v.user())) {
            return new Failed(v.user() + " asked to act as " + v.authorizationId().get());
          }
          serverFinal = v.serverFinal();
          return new Complete(new Credentials.Verified(v.user(), name()));
        }
        return new Failed(((ScramServer.Failed) step).reason());
      }

      @Override
      public Optional<byte[]> successData() {
        return Optional.ofNullable(serverFinal);
      }
    };
  }
}
