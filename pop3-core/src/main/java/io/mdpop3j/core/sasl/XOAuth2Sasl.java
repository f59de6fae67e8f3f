package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslMechanism;
import java.util.Locale;

/**
 * XOAUTH2, as Google and Microsoft document it: {@code user=NAME 0x01 auth=Bearer TOKEN 0x01 0x01}.
 * A refused token gets a JSON error challenge; the client's empty reply to it is dropped and the
 * login fails.
 */
@AutoService(SaslMechanism.class)
public final class XOAuth2Sasl extends BearerTokenSasl {

  /** The error challenge of a refused token, as Google sends it. */
  static final String ERROR = "{\"status\":\"401\",\"schemes\":\"bearer\"}";

  /** Made by {@link java.util.ServiceLoader}. */
  public XOAuth2Sasl() {
    super("XOAUTH2", ERROR);
  }

  @Override
  Step parse(String message) {
    return parseMessage(message);
  }

  static Step parseMessage(String message) {
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
