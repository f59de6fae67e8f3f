package io.mdpop3j.auth.pam;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.libc.Lookup;
import io.mdpop3j.libc.PasswdDatabase;
import io.mdpop3j.libc.PasswdEntry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates through Linux-PAM, so that a site can use any PAM stack (local passwords, LDAP,
 * databases, two-factor modules). A module may map the login to another account by changing {@code
 * PAM_USER}, and may choose its mailbox by setting {@code MAILDIR} in the PAM environment.
 *
 * <p>APOP, when enabled, hands PAM the "password" {@code APOP <digest> <timestamp>} for a site's
 * own module to check; no stock module does. See docs/auth-pam.md.
 *
 * <p>PAM calls run on a bounded pool of platform threads: a module's failure delay or a slow
 * directory then holds one pool thread, never the caller's (possibly virtual) thread or another
 * session. Pool threads are daemons and end when idle.
 */
public final class PamAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(PamAuthenticator.class);

  /** Prefix of the account attributes that carry the PAM environment. */
  public static final String ENV_ATTRIBUTE_PREFIX = "pam.env.";

  private static final String MAILDIR = "MAILDIR";
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final PamSettings options;
  private final PamTransaction transaction;
  private final PasswdDatabase passwd;
  private final ThreadPoolExecutor pool;

  private PamAuthenticator(PamSettings options, LibPam pam, PasswdDatabase passwd) {
    this.options = options;
    this.transaction = new PamTransaction(pam, options);
    this.passwd = passwd;
    int poolNumber = POOLS.incrementAndGet();
    AtomicInteger threadNumber = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            options.threads(),
            options.threads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "pam-" + poolNumber + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Creates an authenticator from {@code pam.*} settings and loads the PAM library.
   *
   * @throws InvalidSettingException when a setting is unknown or invalid, or the library named by
   *     {@code pam.library} cannot be loaded
   */
  public static PamAuthenticator create(Settings settings) {
    PamSettings options = PamSettings.from(settings);
    LibPam pam;
    try {
      pam = Native.load(options.library(), LibPam.class);
    } catch (UnsatisfiedLinkError e) {
      throw settings.invalid(
          PamSettings.LIBRARY,
          options.library(),
          "a loadable Linux-PAM library such as libpam.so.0 (" + e.getMessage() + ")");
    }
    return new PamAuthenticator(options, pam, PasswdDatabase.load(Platform.C_LIBRARY_NAME));
  }

  @Override
  public boolean supportsApop() {
    return options.apop();
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    String user = credentials.user();
    if (user.isEmpty() || user.indexOf('\0') >= 0) {
      return bad("the user name is empty or holds a NUL character");
    }
    byte[] secret;
    if (credentials instanceof Credentials.Password password) {
      Optional<String> authzid = password.authorizationId();
      if (authzid.isPresent() && !authzid.get().equals(user)) {
        return bad("user '" + user + "' asked to act as '" + authzid.get() + "'; PAM cannot");
      }
      secret = password.password().clone();
    } else {
      Credentials.Apop apop = (Credentials.Apop) credentials;
      if (!options.apop()) {
        return bad("APOP from user '" + user + "' refused: pam.apop is off");
      }
      Optional<byte[]> apopSecret = apopSecret(apop);
      if (apopSecret.isEmpty()) {
        return bad("APOP from user '" + user + "' has a malformed digest or timestamp");
      }
      secret = apopSecret.get();
    }
    // A C string ends at NUL: "right\0anything" must not pass as "right".
    if (secret.length == 0 || indexOfNul(secret) >= 0) {
      Arrays.fill(secret, (byte) 0);
      return bad("the password of user '" + user + "' is empty or holds a NUL character");
    }
    return runOnPool(session, user, secret);
  }

  /**
   * The string PAM gets for APOP: {@code APOP <digest> <timestamp>}, the digest in lower case, the
   * timestamp with its angle brackets as sent in the greeting (RFC 1939 section 7).
   */
  static Optional<byte[]> apopSecret(Credentials.Apop apop) {
    String digest = apop.digest();
    if (digest.length() != 32 || !digest.chars().allMatch(PamAuthenticator::isHexDigit)) {
      return Optional.empty();
    }
    String timestamp = apop.timestamp();
    if (timestamp.isEmpty() || !timestamp.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.empty();
    }
    String text = "APOP " + digest.toLowerCase(Locale.ROOT) + " " + timestamp;
    return Optional.of(text.getBytes(StandardCharsets.US_ASCII));
  }

  private AuthResult runOnPool(Session session, String user, byte[] secret) {
    Optional<String> remoteHost = session.remoteAddress().map(PamAuthenticator::hostText);
    Future<AuthResult> result;
    try {
      result =
          pool.submit(
              () -> {
                try {
                  return toResult(transaction.run(session.id(), user, secret, remoteHost));
                } finally {
                  Arrays.fill(secret, (byte) 0);
                }
              });
    } catch (RejectedExecutionException e) {
      Arrays.fill(secret, (byte) 0);
      return temporary("the PAM thread pool refused the login of '" + user + "': " + e);
    }
    try {
      return result.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // The native call cannot be interrupted; it finishes on its pool thread, unseen.
      return temporary("PAM did not answer for user '" + user + "' within " + options.timeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return temporary("interrupted while PAM checked user '" + user + "'");
    } catch (ExecutionException e) {
      log.warn("PAM login of '{}' failed unexpectedly", user, e.getCause());
      return temporary("PAM login of '" + user + "' failed: " + e.getCause());
    }
  }

  private AuthResult toResult(PamTransaction.Outcome outcome) {
    if (outcome instanceof PamTransaction.Outcome.Refused refused) {
      return AuthResult.failure(refused.reason(), refused.logMessage());
    }
    PamTransaction.Outcome.Accepted accepted = (PamTransaction.Outcome.Accepted) outcome;
    String user = accepted.user();
    Account account = Account.named(user);
    Lookup<PasswdEntry> entry = passwd.find(user);
    if (entry.isFailed()) {
      return temporary(
          "passwd lookup of '" + user + "' after PAM success failed with errno " + entry.error());
    }
    if (entry.isFound()) {
      account = account.withIds(entry.entry().uid(), entry.entry().gid());
      Optional<Path> home = entry.entry().homePath();
      if (home.isPresent()) {
        account = account.withHome(home.get());
      }
    } else {
      if (options.virtualHomeBase().isPresent()) {
        if (!isSafeDirectoryName(user)) {
          return bad("PAM_USER '" + user + "' cannot name a directory under the virtual home base");
        }
        account = account.withHome(options.virtualHomeBase().get().resolve(user));
      }
      if (options.mailOwnerUid().isPresent()) {
        account =
            account.withIds(options.mailOwnerUid().getAsInt(), options.mailOwnerGid().getAsInt());
      }
    }
    String maildir = accepted.environment().get(MAILDIR);
    if (maildir != null && !maildir.isEmpty()) {
      account = account.withMaildir(maildir);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    accepted.environment().forEach((k, v) -> attributes.put(ENV_ATTRIBUTE_PREFIX + k, v));
    log.debug(
        "PAM accepted '{}': home {}, maildir {}, passwd entry {}",
        user,
        account.home().map(Path::toString).orElse("none"),
        account.maildir().orElse("default"),
        entry.isFound() ? "found" : "none");
    return AuthResult.success(account.withAttributes(attributes));
  }

  private static boolean isSafeDirectoryName(String user) {
    return !user.equals(".")
        && !user.equals("..")
        && user.indexOf('/') < 0
        && user.indexOf('\0') < 0
        && !Path.of(user).isAbsolute();
  }

  private static String hostText(InetSocketAddress address) {
    return address.getAddress() != null
        ? address.getAddress().getHostAddress()
        : address.getHostString();
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static AuthResult bad(String logMessage) {
    return AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, logMessage);
  }

  private static AuthResult temporary(String logMessage) {
    return AuthResult.failure(AuthResult.Reason.TEMPORARY, logMessage);
  }

  @Override
  public String toString() {
    return "PamAuthenticator[service=" + options.service() + ", library=" + options.library() + "]";
  }
}
