package io.mdpop3j.auth.unix;

import io.mdpop3j.auth.unix.NssLookup.ShadowEntry;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.libc.Lookup;
import io.mdpop3j.libc.PasswdEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the host's own accounts: {@code getpwnam_r(3)} and {@code getspnam_r(3)} through
 * NSS, the password checked with libxcrypt. Refuses locked and expired accounts, uid 0 unless
 * allowed, and uids below the first valid uid. Cannot check APOP: the system keeps only hashes.
 */
public final class UnixAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(UnixAuthenticator.class);

  /** Longer names are not looked up; no NSS source has such users. */
  private static final int MAX_USER_LENGTH = 256;

  /** What the configuration says; see {@code docs/auth-unix.md}. */
  record Config(
      int firstValidUid,
      boolean allowRoot,
      int cryptThreads,
      int cryptQueue,
      String cryptLibrary,
      String passwdLibrary,
      String shadowLibrary,
      Path shadowFile,
      String dummyHash) {}

  private final Config config;
  private final NssLookup nss;
  private final CryptVerifier crypt;
  private final CryptPool pool;

  /**
   * The hash unknown and refused users are checked against, so that they cost the same time as a
   * real check: starts as a hash of libxcrypt's default scheme and follows the hashes of existing
   * accounts as they are seen, so that it keeps the scheme and cost this host really uses.
   */
  private final AtomicReference<String> dummyHash;

  UnixAuthenticator(Config config) {
    this.config = config;
    this.crypt = CryptVerifier.load(config.cryptLibrary());
    this.nss = NssLookup.load(config.passwdLibrary(), config.shadowLibrary());
    this.pool = new CryptPool("unix", config.cryptThreads(), config.cryptQueue());
    this.dummyHash =
        new AtomicReference<>(
            config.dummyHash() != null ? config.dummyHash() : crypt.dummyHash(null));
    if (!crypt.canHash(dummyHash.get())) {
      throw new IllegalArgumentException(
          "dummy-hash is not a hash " + config.cryptLibrary() + " can compute");
    }
    if (Files.exists(config.shadowFile()) && !Files.isReadable(config.shadowFile())) {
      log.warn(
          "unix: {} is not readable by this process; accounts whose password is in shadow will"
              + " fail with [SYS/TEMP]. Run as root or in group shadow.",
          config.shadowFile());
    }
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    if (!(credentials instanceof Credentials.Password password)) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          "unix: APOP refused for " + credentials.user() + ": system accounts keep only hashes");
    }

    if (password.authorizationId().isPresent()
        && !password.authorizationId().get().equals(password.user())) {
      // SASL PLAIN's authorization identity (RFC 4616 section 2): acting for another user is
      // not supported, so the login must not quietly become one of the authentication identity.
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS,
          "unix: %s may not act as %s"
              .formatted(password.user(), password.authorizationId().get()));
    }
    if (password.password().length == 0) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS, "unix: empty password refused for " + password.user());
    }
    // The caller may wipe its array when it stops waiting; the pool works on its own copy.
    byte[] secret = password.password().clone();
    try {
      return pool.run(() -> check(password.user(), secret));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private AuthResult check(String user, byte[] secret) {
    if (user.isEmpty() || user.length() > MAX_USER_LENGTH || user.indexOf('\0') >= 0) {
      return refuse(secret, "unix: unusable user name refused");
    }
    Lookup<PasswdEntry> found = nss.passwd(user);
    if (found.isFailed()) {
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY,
          "unix: getpwnam_r failed for " + user + " with errno " + found.error());
    }
    if (!found.isFound()) {
      return refuse(secret, "unix: unknown user " + user);
    }
    PasswdEntry entry = found.entry();
    if (entry.uid() == 0 && !config.allowRoot()) {
      return refuse(secret, "unix: refused " + user + ": uid 0 and allow-root is off");
    }
    if (entry.uid() != 0 && Integer.compareUnsigned(entry.uid(), config.firstValidUid()) < 0) {
      return refuse(
          secret,
          "unix: refused "
              + user
              + ": uid "
              + entry.uid()
              + " is below first-valid-uid "
              + config.firstValidUid());
    }
    String hash = entry.passwd();
    boolean expired = false;
    if ("x".equals(hash)) {
      Lookup<ShadowEntry> shadow = nss.shadow(user);
      if (shadow.isFailed()) {
        return AuthResult.failure(
            AuthResult.Reason.TEMPORARY,
            "unix: getspnam_r failed for " + user + " with errno " + shadow.error());
      }
      if (!shadow.isFound()) {
        return noShadowEntry(user, secret);
      }
      hash = shadow.entry().hash();
      expired = shadow.entry().accountExpired(LocalDate.now(ZoneOffset.UTC).toEpochDay());
    }
    if (hash.isEmpty() || hash.charAt(0) == '!' || hash.charAt(0) == '*') {
      // Like pam_unix, a locked account never confirms its old password.
      return refuse(secret, "unix: refused " + user + ": account locked or without password");
    }
    boolean matches = crypt.matches(secret, hash);
    dummyHash.set(hash);
    if (!matches) {
      return AuthResult.failure(
          AuthResult.Reason.BAD_CREDENTIALS, "unix: wrong password for " + user);
    }
    if (expired) {
      return AuthResult.failure(
          AuthResult.Reason.ACCOUNT_DISABLED, "unix: refused " + user + ": account expired");
    }
    return AuthResult.success(account(entry));
  }

  /**
   * getspnam(3) says "no entry" both for a missing entry and for a shadow file it may not read;
   * with "files systemd" in nsswitch.conf even errno is 0. The file's readability tells them apart.
   */
  private AuthResult noShadowEntry(String user, byte[] secret) {
    if (Files.exists(config.shadowFile()) && !Files.isReadable(config.shadowFile())) {
      return AuthResult.failure(
          AuthResult.Reason.TEMPORARY,
          "unix: cannot check "
              + user
              + ": "
              + config.shadowFile()
              + " is not readable; the server needs root or group shadow");
    }
    return refuse(secret, "unix: refused " + user + ": passwd says 'x' but shadow has no entry");
  }

  /** Does the work of a real check against the dummy hash, then fails as a wrong password does. */
  private AuthResult refuse(byte[] secret, String logMessage) {
    crypt.matches(secret, dummyHash.get());
    return AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, logMessage);
  }

  private static Account account(PasswdEntry entry) {
    Account account = Account.named(entry.name()).withIds(entry.uid(), entry.gid());
    Optional<Path> home = entry.homePath();
    if (home.isPresent()) {
      account = account.withHome(home.get());
    } else if (!entry.home().isEmpty()) {
      log.warn("unix: home directory of {} is not a usable path: {}", entry.name(), entry.home());
    }
    return account;
  }

  /** The configuration in use. */
  Config config() {
    return config;
  }
}
