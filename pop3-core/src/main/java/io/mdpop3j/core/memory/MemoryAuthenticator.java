package io.mdpop3j.core.memory;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and cleartext passwords held in memory, for tests and embedding. Since it knows each
 * secret, it checks every kind of login: passwords, APOP, CRAM-MD5, and SCRAM (with keys derived
 * from the password and a salt that is stable per user while this authenticator lives).
 */
public final class MemoryAuthenticator implements Authenticator {

  /** Checked for unknown users, so that they cost the same as known ones. */
  private static final byte[] DUMMY_SECRET = "no such user".getBytes(StandardCharsets.UTF_8);

  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
  private final byte[] saltSecret = new byte[32];

  /** No users yet. */
  public MemoryAuthenticator() {
    new SecureRandom().nextBytes(saltSecret);
  }

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
  public Set<CredentialType> accepts() {
    return EnumSet.of(
        CredentialType.PASSWORD,
        CredentialType.APOP,
        CredentialType.CRAM_MD5,
        CredentialType.SCRAM_SHA_1,
        CredentialType.SCRAM_SHA_256,
        CredentialType.VERIFIED);
  }

  @Override
  public Optional<ScramKeys> scramKeys(Session session, String user, String hash) {
    byte[] secret = secrets.get(user);
    if (secret == null) {
      return Optional.empty();
    }
    byte[] salt = ScramKeys.decoy(hash, saltSecret, user).salt();
    return Optional.of(ScramKeys.derive(hash, secret, salt, ScramKeys.MIN_ITERATIONS));
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    byte[] secret = secrets.get(credentials.user());
    boolean known = secret != null;
    byte[] expected = known ? secret : DUMMY_SECRET;
    boolean match;
    if (credentials instanceof Credentials.Password p) {
      match = MessageDigest.isEqual(expected, p.password());
    } else if (credentials instanceof Credentials.Apop apop) {
      match = apop.matches(expected);
    } else if (credentials instanceof Credentials.CramMd5 cram) {
      match = cram.matches(expected);
    } else if (credentials instanceof Credentials.Verified) {
      // The server checked the proof (SCRAM, a bearer token) already; only the user must exist.
      match = true;
    } else {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          credentials.getClass().getSimpleName() + " is not checked here");
    }
    if (known && match) {
      return AuthResult.success(Account.named(credentials.user()));
    }
    return AuthResult.failure(
        AuthResult.Reason.BAD_CREDENTIALS,
        known ? "wrong secret for " + credentials.user() : "unknown user " + credentials.user());
  }
}
