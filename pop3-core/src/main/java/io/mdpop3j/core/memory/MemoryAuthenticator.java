package io.mdpop3j.core.memory;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and cleartext passwords held in memory, for tests and embedding. Supports APOP, since it
 * knows each secret.
 */
public final class MemoryAuthenticator implements Authenticator {

  /** Checked for unknown users, so that they cost the same as known ones. */
  private static final byte[] DUMMY_SECRET = "no such user".getBytes(StandardCharsets.UTF_8);

  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

  /** Adds or replaces a user; returns this. */
  public MemoryAuthenticator addUser(String user, String password) {
    secrets.put(user, password.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Removes a user; returns this. */
  public MemoryAuthenticator removeUser(String user) {
    secrets.remove(user);
    return this;
  }

  @Override
  public boolean supportsApop() {
    return true;
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    byte[] secret = secrets.get(credentials.user());
    boolean known = secret != null;
    byte[] expected = known ? secret : DUMMY_SECRET;
    boolean match;
    if (credentials instanceof Credentials.Password p) {
      match = MessageDigest.isEqual(expected, p.password());
    } else {
      match = ((Credentials.Apop) credentials).matches(expected);
    }
    if (known && match) {
      return AuthResult.success(Account.named(credentials.user()));
    }
    return AuthResult.failure(
        AuthResult.Reason.BAD_CREDENTIALS,
        known ? "wrong secret for " + credentials.user() : "unknown user " + credentials.user());
  }
}
