package io.mdpop3j.examples.embedding;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * An authenticator is one method, so the host's own user database plugs in as a lambda. This one
 * checks tokens from a map, in constant time, and never says whether the user exists.
 */
public final class CustomAuthenticatorServer {
  private CustomAuthenticatorServer() {}

  /** An authenticator over {@code tokens} (user to token). */
  public static Authenticator tokens(Map<String, String> tokens) {
    byte[] dummy = new byte[32];
    return (session, credentials) -> {
      if (!(credentials instanceof Credentials.Password p)) {
        return AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "only USER/PASS here");
      }

      String token = tokens.get(p.user());
      byte[] expected = token != null ? token.getBytes(StandardCharsets.UTF_8) : dummy;
      boolean ok = MessageDigest.isEqual(expected, p.password()) && token != null;
      return ok
          ? AuthResult.success(Account.named(p.user()))
          : AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "wrong token");
    };
  }

  /** A server on a free loopback port whose users log in with tokens. */
  public static Pop3Server build(Map<String, String> tokens, MemoryMailStore store) {
    return Pop3Server.builder().authenticator(tokens(tokens)).mailStore(store).build();
  }
}
