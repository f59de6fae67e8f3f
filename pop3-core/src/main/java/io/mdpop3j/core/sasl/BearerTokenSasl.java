package io.mdpop3j.core.sasl;

import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What OAUTHBEARER and XOAUTH2 share: one client message carrying a bearer token, offered where a
 * validator can check tokens, under the plaintext policy, and a JSON error challenge before a
 * refusal. They differ only in their name, their message's framing and their error's JSON.
 */
abstract class BearerTokenSasl implements SaslMechanism {

  private final String name;
  private final byte[] error;

  BearerTokenSasl(String name, String errorJson) {
    this.name = name;
    this.error = errorJson.getBytes(StandardCharsets.US_ASCII);
  }

  /** The step the client's message (decoded as UTF-8) leads to. */
  abstract Step parse(String message);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean availableFor(SaslContext context) {
    return context.accepted().contains(CredentialType.BEARER_TOKEN);
  }

  @Override
  public final boolean sendsReusableSecret() {
    // A bearer token lets whoever holds it in until it expires (RFC 6750 section 5.2).
    return true;
  }

  @Override
  public final Exchange begin(SaslContext context) {
    return new Exchange() {
      @Override
      public Step step(byte[] response) {
        return parse(new String(response, StandardCharsets.UTF_8));
      }

      @Override
      public Optional<byte[]> failureChallenge() {
        return Optional.of(error.clone());
      }
    };
  }
}
