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
 * XOAUTH2, as Google and Microsoft document it: {@code user=NAME 0x01 auth=Bearer TOKEN 0x01 0x01}.
 * A refused token gets a JSON error challenge; the client's empty reply to it is dropped and the
 * login fails.
 */
@AutoService(SaslMechanism.class)
public final class XOAuth2Sasl implements SaslMechanism {

  static final byte[] ERROR =
      "{\"status\":\"401\",\"schemes\":\"bearer\"}".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "XOAUTH2";
  }

  @Override
  public boolean availableFor(SaslContext context) {
    return context.accepted().contains(CredentialType.BEARER_TOKEN);
  }

  @Override
  public boolean sendsReusableSecret() {
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
        return Optional.of(ERROR);
      }
    };
  }

  static Step parse(String message) {
    if (!message.endsWith("\u0001\u0001")) {
      return new Failed("XOAUTH2 message does not end in 0x01 0x01");
    }
    String user = null;
    String token = null;
    for (String pair : message.substring(0, message.length() - 2).split("\u0001", -1)) {
      if (pair.startsWith("user=")) {
        user = pair.substring("user=".length());
      } else if (pair.toLowerCase(Locale.ROOT).startsWith("auth=bearer ")) {
        token = pair.substring("auth=bearer ".length()).trim();
      }
    }
    if (user == null || user.isEmpty() || token == null || token.isEmpty()) {
      return new Failed("XOAUTH2 message lacks user= or auth=Bearer");
    }
    return new Complete(new Credentials.BearerToken(user, token));
  }
}
