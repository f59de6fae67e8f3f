package io.mdpop3j.junit;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test's users plus the injected login faults. With a Maildir store it gives each account a
 * home directory under the extension's temporary folder, as a system account has. It tells the
 * test, never the client, why a login failed.
 */
final class TestAuthenticator implements Authenticator {

  private static final Logger log = LoggerFactory.getLogger(Pop3Extension.class);

  private final TestUsers users;
  private final Faults faults;
  private final Optional<Path> homes;
  private final boolean anyPassword;
  private final SessionRecorder recorder;

  /**
   * @param anyPassword accept every password and create unknown users at their first login
   */
  TestAuthenticator(
      TestUsers users,
      Faults faults,
      Optional<Path> homes,
      boolean anyPassword,
      SessionRecorder recorder) {
    this.users = users;
    this.faults = faults;
    this.homes = homes;
    this.anyPassword = anyPassword;
    this.recorder = recorder;
  }

  @Override
  public boolean supportsApop() {
    return true;
  }

  /**
   * What the users' passwords let the server check: passwords, APOP, CRAM-MD5, SCRAM, and logins
   * the server verified itself (SCRAM proofs, bearer tokens). Without password checks, passwords,
   * APOP and verified logins only: a SCRAM or CRAM-MD5 proof needs the real secret.
   */
  @Override
  public Set<CredentialType> accepts() {
    return anyPassword
        ? EnumSet.of(CredentialType.PASSWORD, CredentialType.APOP, CredentialType.VERIFIED)
        : users.checker().accepts();
  }

  @Override
  public Optional<ScramKeys> scramKeys(Session session, String user, String hash) {
    return anyPassword ? Optional.empty() : users.checker().scramKeys(session, user, hash);
  }

  @Override
  public AuthResult authenticate(Session session, Credentials credentials) {
    Faults.pause(faults.loginDelay);
    if (Faults.take(faults.failingLogins)) {
      return fail(session, AuthResult.Reason.TEMPORARY, "failure injected by failNextLogin()");
    }
    String user = credentials.user();
    if (anyPassword) {
      return acceptAnyPassword(session, credentials);
    }
    if (!users.has(user)) {
      String why =
          "unknown user '"
              + UserNameRules.printable(user)
              + "'; "
              + users.knownUsers()
              + users.addressHint(user);
      // A likely mistake in the test, so shown even when the server is quiet; the client only
      // ever gets the -ERR that does not say whether a user exists.
      log.warn("POP3 login refused: {}", why);
      return fail(session, AuthResult.Reason.BAD_CREDENTIALS, why);
    }
    AuthResult result = users.checker().authenticate(session, credentials);
    if (result instanceof AuthResult.Failure) {
      String what =
          credentials instanceof Credentials.Apop
              ? "APOP digest"
              : credentials instanceof Credentials.CramMd5 ? "CRAM-MD5 digest" : "password";
      return fail(
          session, AuthResult.Reason.BAD_CREDENTIALS, "wrong " + what + " for '" + user + "'");
    }
    return AuthResult.success(account(user));
  }

  private AuthResult acceptAnyPassword(Session session, Credentials credentials) {
    String user = credentials.user();
    if (!users.has(user)) {
      try {
        String password =
            credentials instanceof Credentials.Password p
                ? new String(p.password(), StandardCharsets.UTF_8)
                : user;
        synchronized (users) {
          if (!users.has(user)) {
            users.add(user, password);
          }
        }
      } catch (IllegalArgumentException e) {
        // A name the Maildir cannot hold as a home directory.
        return fail(session, AuthResult.Reason.BAD_CREDENTIALS, e.getMessage());
      }
    }
    return AuthResult.success(account(user));
  }

  private Account account(String user) {
    Account account = Account.named(user);
    return homes.map(root -> account.withHome(MaildirFolders.home(root, user))).orElse(account);
  }

  private AuthResult fail(Session session, AuthResult.Reason reason, String why) {
    recorder.loginFailed(session, why);
    return AuthResult.failure(reason, why);
  }
}
