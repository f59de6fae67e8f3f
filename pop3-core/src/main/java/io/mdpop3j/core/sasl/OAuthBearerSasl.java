package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslMechanism;
import java.util.Locale;
import java.util.Optional;

/**
 * SASL OAUTHBEARER (RFC 7628): a GS2 header naming the user, then key=value pairs separated by
 * 0x01, one of them {@code auth=Bearer <token>}. A refused token gets the JSON error challenge of
 * section 3.2.2; the client's 0x01 reply to it is dropped and the login fails.
 */
@AutoService(SaslMechanism.class)
public final class OAuthBearerSasl extends BearerTokenSasl {

  /** The error challenge of a refused token (RFC 7628 section 3.2.2). */
  static final String INVALID_TOKEN = "{\"status\":\"invalid_token\"}";

  /** Made by {@link java.util.ServiceLoader}. */
  public OAuthBearerSasl() {
    super("OAUTHBEARER", INVALID_TOKEN);
  }

  @Override
  Step parse(String message) {
    return parseMessage(message);
  }

  static Step parseMessage(String message) {
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
