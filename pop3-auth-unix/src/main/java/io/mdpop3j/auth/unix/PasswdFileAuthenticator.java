package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
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

  /** Makes the SCRAM salt of {@code {PLAIN}} users, the same for a user while this lives. */
  private final byte[] saltSecret = new byte[32];

  private final CryptVerifier crypt;
  private final CryptPool pool;

  PasswdFileAuthenticator(
      Path path, PasswordScheme defaultScheme, CryptVerifier crypt, CryptPool pool) {
    this.crypt = crypt;
    this.pool = pool;
    new SecureRandom().nextBytes(saltSecret);
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

  /**
   * Passwords and already verified users always; APOP while some user has a {@code {PLAIN}} secret;
   * CRAM-MD5 while some user has a {@code {PLAIN}} or {@code {CRAM-MD5}} one; SCRAM while some user
   * has a {@code {PLAIN}} or {@code {SCRAM-…}} secret of that hash.
   */
  @Override
  public Set<CredentialType> accepts() {
    Set<CredentialType> types = EnumSet.of(CredentialType.PASSWORD, CredentialType.VERIFIED);
    PasswdFileParser.Parsed users;
    try {
      users = file.current();
    } catch (IOException e) {
      log.error("passwd-file {} cannot be read: {}", file.path(), e.toString());
      return types;
    }
    boolean plain = users.hasPlainSecret();
    if (plain) {
      types.add(CredentialType.APOP);
    }
    if (plain || users.hasSecretOf(PasswordScheme.CRAM_MD5)) {
      types.add(CredentialType.CRAM_MD5);
    }
    if (plain || users.hasSecretOf(PasswordScheme.SCRAM_SHA_256)) {
      types.add(CredentialType.SCRAM_SHA_256);
    }
    if (plain || users.hasSecretOf(PasswordScheme.SCRAM_SHA_1)) {
      types.add(CredentialType.SCRAM_SHA_1);
    }
    return types;
  }

  /**
   * The user's SCRAM keys: a {@code {SCRAM-…}} entry's own, or for a {@code {PLAIN}} entry keys
   * derived with a salt that is the same for the user while this authenticator lives.
   */
  @Override
  public Optional<ScramKeys> scramKeys(Session session, String user, String hash) {
    PasswdFileEntry entry;
    try {
      entry = file.current().users().get(user);
    } catch (IOException e) {
      log.error("passwd-file {} cannot be read: {}", file.path(), e.toString());
      return Optional.empty();
    }
    if (entry == null || entry.secret().isEmpty()) {
      return Optional.empty();
    }
    switch (entry.scheme()) {
      case SCRAM_SHA_1, SCRAM_SHA_256 -> {
        ScramKeys keys = entry.scheme().scramKeys(entry.secret());
        return keys.hash().equals(hash) ? Optional.of(keys) : Optional.empty();
      }
      case PLAIN -> {
        byte[] secret = entry.secret().getBytes(StandardCharsets.UTF_8);
        try {
          ScramKeys salted = ScramKeys.decoy(hash, saltSecret, user);
          return Optional.of(
              ScramKeys.derive(hash, secret, salted.salt(), ScramKeys.MIN_ITERATIONS));
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      }
      default -> {
        return Optional.empty();
      }
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
    if (credentials instanceof Credentials.Apop apop) {
      return apop(apop, entry);
    }
    if (credentials instanceof Credentials.CramMd5 cram) {
      return cramMd5(cram, entry);
    }
    if (credentials instanceof Credentials.Verified verified) {
      return entry == null || entry.secret().isEmpty()
          ? AuthResult.failure(
              AuthResult.Reason.BAD_CREDENTIALS,
              "passwd-file: no login for " + verified.user() + " by " + verified.method())
          : AuthResult.success(account(entry));
    }
    if (!(credentials instanceof Credentials.Password password)) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          "passwd-file: cannot check " + credentials.getClass().getSimpleName());
    }

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

  private AuthResult cramMd5(Credentials.CramMd5 cram, PasswdFileEntry entry) {
    boolean matches;
    if (entry != null && entry.scheme() == PasswordScheme.CRAM_MD5) {
      matches = cram.matchesContext(HexFormat.of().parseHex(entry.secret()));
    } else if (entry != null && entry.scheme() == PasswordScheme.PLAIN) {
      byte[] secret = entry.secret().getBytes(StandardCharsets.UTF_8);
      try {
        matches = !entry.secret().isEmpty() && cram.matches(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    } else {
      // Unknown users cost an HMAC too.
      cram.matches(APOP_DUMMY);
      matches = false;
    }
    if (matches) {
      return AuthResult.success(account(entry));
    }
    return AuthResult.failure(
        AuthResult.Reason.BAD_CREDENTIALS,
        entry == null
            ? "passwd-file: unknown user " + cram.user()
            : "passwd-file: wrong CRAM-MD5 digest for " + cram.user());
  }

  private boolean matches(PasswdFileEntry entry, byte[] password) {
    switch (entry.scheme()) {
      case PLAIN -> {
        return plainMatches(entry.secret(), password);
      }
      case CRAM_MD5 -> {
        return MessageDigest.isEqual(
            HexFormat.of().parseHex(entry.secret()), Credentials.CramMd5.hmacContext(password));
      }
      case SCRAM_SHA_1, SCRAM_SHA_256 -> {
        ScramKeys stored = entry.scheme().scramKeys(entry.secret());
        ScramKeys given =
            ScramKeys.derive(stored.hash(), password, stored.salt(), stored.iterations());
        return MessageDigest.isEqual(stored.storedKey(), given.storedKey());
      }
      case SSHA256 -> {
        return saltedShaMatches("SHA-256", 32, entry.secret(), password);
      }
      case SSHA512 -> {
        return saltedShaMatches("SHA-512", 64, entry.secret(), password);
      }
      default -> {
        return crypt.matches(password, entry.secret());
      }
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
