package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * SASL OAUTHBEARER (RFC 7628): a GS2 header naming the user, then key=value pairs separated by
 * 0x01, one of them {@code auth=Bearer <token>}. A refused token gets the JSON error challenge of
 * section 3.2.2; the client's 0x01 reply to it is dropped and the login fails.
 */
@AutoService(SaslMechanism.class)
public final class OAuthBearerSasl implements SaslMechanism {

  /** The error challenge of a refused token (RFC 7628 section 3.2.2). */
  static final byte[] INVALID_TOKEN =
      "{\"status\":\"invalid_token\"}".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "OAUTHBEARER";
  }

  @Override
  public boolean availableFor(SaslContext context) {
    return context.accepted().contains(CredentialType.BEARER_TOKEN);
  }

  @Override
  public boolean sendsReusableSecret() {
    // A bearer token lets whoever holds it in until it expires (RFC 6750 section 5.2).
    return true;
  }

  @Override
  public Exchange begin(SaslContext context) {
    return new Exchange() {
      @Override
      public Step step(byte[] response) {
        return parse(new String(response, StandardCharsets.UTF_8));
      }

      @Override
      public Optional<byte[]> failureChallenge() {
        return Optional.of(INVALID_TOKEN);
      }
    };
  }

  static Step parse(String message) {
    int first = message.indexOf(',');
    int second = first < 0 ? -1 : message.indexOf(',', first + 1);
    if (second < 0 || !(message.startsWith("n,") || message.startsWith("y,"))) {
      return new Failed("OAUTHBEARER message lacks a GS2 header without channel binding");
    }
    String authzid = message.substring(first + 1, second);
    String user = "";
    if (!authzid.isEmpty()) {
      Optional<String> name =
          authzid.startsWith("a=") ? ScramServer.saslName(authzid.substring(2)) : Optional.empty();
      if (name.isEmpty()) {
        return new Failed("OAUTHBEARER authzid is not a=saslname");
      }
      user = name.get();
    }
    String rest = message.substring(second + 1);
    if (!rest.startsWith("\u0001") || !rest.endsWith("\u0001\u0001")) {
      return new Failed("OAUTHBEARER key/value pairs are not framed by 0x01");
    }
    Optional<String> token = Optional.empty();
    for (String pair : rest.substring(1, rest.length() - 2).split("\u0001", -1)) {
      if (pair.toLowerCase(Locale.ROOT).startsWith("auth=bearer ")) {
        token = Optional.of(pair.substring("auth=bearer ".length()).trim());
      }
    }
    if (token.isEmpty() || token.get().isEmpty()) {
      return new Failed("OAUTHBEARER message has no auth=Bearer token");
    }
    return new Complete(new Credentials.BearerToken(user, token.get()));
  }
}
