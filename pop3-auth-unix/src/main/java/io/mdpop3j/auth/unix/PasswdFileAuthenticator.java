package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates virtual users from a Dovecot-style passwd-file, read again when it changes. APOP
 * works for users whose secret is {@code {PLAIN}}.
 */
public final class PasswdFileAuthenticator implements Authenticator {

  private static final Logger log = LoggerFactory.getLogger(PasswdFileAuthenticator.class);

  /** Checked by APOP for unknown users, so that they cost what a known one costs. */
  private static final byte[] APOP_DUMMY = "no such user".getBytes(StandardCharsets.US_ASCII);

  private final PasswdFile file;
  private final CryptVerifier crypt;
  private final CryptPool pool;

  PasswdFileAuthenticator(
      Path path, PasswordScheme defaultScheme, CryptVerifier crypt, CryptPool pool) {
    this.crypt = crypt;
    this.pool = pool;
    this.file = new PasswdFile(path, new PasswdFileParser(defaultScheme, crypt::canHash));
  }

  /** Reads the file once, so that a missing or unreadable file is reported at start. */
  void load() throws IOException {
    file.current();
  }

  /** True while the file has at least one user with a {@code {PLAIN}} secret. */
  @Override
  public boolean supportsApop() {
    try {
      return file.current().hasPlainSecret();
    } catch (IOException e) {
      log.error("passwd-file {} cannot be read: {}", file.path(), e.toString());
      return false;
    }
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    PasswdFileParser.Parsed users;
    try {
      users = file.current();
    } catch (IOException e) {
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY,
          "passwd-file " + file.path() + " cannot be read: " + e.getMessage());
    }
    PasswdFileEntry entry = users.users().get(credentials.user());
    if (credentials instanceof Credentials.Apop) {
      return apop((Credentials.Apop) credentials, entry);
    }
    Credentials.Password password = (Credentials.Password) credentials;
    if (password.authorizationId().isPresent()
        && !password.authorizationId().get().equals(password.user())) {
      // SASL PLAIN's authorization identity (RFC 4616 section 2): acting for another user is
      // not supported, so the login must not quietly become one of the authentication identity.
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          "passwd-file: %s may not act as %s"
              .formatted(password.user(), password.authorizationId().get()));
    }
    if (password.password().length == 0) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          "passwd-file: empty password refused for " + password.user());
    }
    // Unknown users and users without a password cost a typical user's check.
    PasswdFileEntry against =
        entry == null || entry.secret().isEmpty() ? users.typical().orElse(null) : entry;
    if (against == null || !against.scheme().isCrypt()) {
      return decide(password.user(), entry, against, password.password());
    }
    byte[] copy = password.password().clone();
    try {
      return pool.run(() -> decide(password.user(), entry, against, copy));
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  private AuthResult decide(
      String user, PasswdFileEntry entry, PasswdFileEntry against, byte[] password) {
    boolean matches = against != null && matches(against, password);
    if (entry == null) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS, "passwd-file: unknown user " + user);
    }
    if (entry.secret().isEmpty()) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS, "passwd-file: no password for " + entry.user());
    }
    if (!matches) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS, "passwd-file: wrong password for " + entry.user());
    }
    return AuthResult.success(account(entry));
  }

  private AuthResult apop(Credentials.Apop apop, PasswdFileEntry entry) {
    if (entry == null || entry.scheme() != PasswordScheme.PLAIN || entry.secret().isEmpty()) {
      apop.matches(APOP_DUMMY);
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          entry == null
              ? "passwd-file: unknown user " + apop.user()
              : "passwd-file: APOP refused for " + apop.user() + ": the secret is not {PLAIN}");
    }
    byte[] secret = entry.secret().getBytes(StandardCharsets.UTF_8);
    try {
      if (apop.matches(secret)) {
        return AuthResult.success(account(entry));
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return AuthResult.failure(
        AuthResult.Reason.BAD_CREDENTIALS, "passwd-file: wrong APOP digest for " + apop.user());
  }

  private boolean matches(PasswdFileEntry entry, byte[] password) {
    switch (entry.scheme()) {
      case PLAIN:
        return plainMatches(entry.secret(), password);
      case SSHA256:
        return saltedShaMatches("SHA-256", 32, entry.secret(), password);
      case SSHA512:
        return saltedShaMatches("SHA-512", 64, entry.secret(), password);
      default:
        return crypt.matches(password, entry.secret());
    }
  }

  /** Compares digests, not the bytes: MessageDigest.isEqual would reveal the length. */
  private static boolean plainMatches(String secret, byte[] password) {
    byte[] stored = secret.getBytes(StandardCharsets.UTF_8);
    try {
      return MessageDigest.isEqual(sha("SHA-256", stored, null), sha("SHA-256", password, null));
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
  }

  private static boolean saltedShaMatches(
      String algorithm, int digestLength, String secret, byte[] password) {
    byte[] decoded = Base64.getDecoder().decode(secret);
    byte[] stored = Arrays.copyOf(decoded, digestLength);
    byte[] salt = Arrays.copyOfRange(decoded, digestLength, decoded.length);
    return MessageDigest.isEqual(stored, sha(algorithm, password, salt));
  }

  private static byte[] sha(String algorithm, byte[] data, byte[] salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      digest.update(data);
      if (salt != null) {
        digest.update(salt);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java platform", e);
    }
  }

  private static Account account(PasswdFileEntry entry) {
    return new Account(
        entry.user(),
        entry.home().map(Path::of),
        entry.maildir(),
        entry.uid(),
        entry.gid(),
        entry.extraFields());
  }

  /** For tests: the users as the file says now. */
  Optional<PasswdFileEntry> user(String name) throws IOException {
    return Optional.ofNullable(file.current().users().get(name));
  }
}
