package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.wire.UserNames;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The end of every login command: check the credentials, then open the mailbox. */
final class Login {
  private static final Logger log = LoggerFactory.getLogger(Login.class);

  static final String CLEARTEXT_DISALLOWED =
      "Cleartext authentication disallowed on non-secure (SSL/TLS) connections.";

  private Login() {}

  /**
   * Checks {@code credentials}; the same reply and the same time for every kind of failure: a
   * failure is answered {@code authFailureDelay} after the check began, however long the check took
   * (an unknown user, a {PLAIN} and a yescrypt entry alike), or later while the client's address is
   * under a login penalty.
   */
  static Action attempt(ProtocolSession session, Credentials credentials) {
    return attempt(session, credentials, account -> openMailbox(session, account));
  }

  /**
   * As {@link #attempt(ProtocolSession, Credentials)}, with {@code onSuccess} in place of the
   * login.
   */
  static Action attempt(
      ProtocolSession session, Credentials credentials, Function<Account, Action> onSuccess) {
    long started = System.nanoTime();
    LoginThrottle.Admission admission = session.config().loginThrottle().admit(session.info());
    if (admission.refused()) {
      wipe(credentials);
      log.info(
          "login of user {} refused unchecked: too many failures from the client's address",
          printable(credentials.user()));
      session.recordFailedLogin();
      return Action.send(
              Reply.err(
                  ResponseCode.SYS_TEMP,
                  "Too many failed logins from your address, try again later."))
          .delayedBy(admission.delay());
    }
    AuthResult result = check(session, credentials);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (result instanceof AuthResult.Success success) {
      return onSuccess.apply(success.account()).delayedBy(remaining(admission.delay(), elapsed));
    }
    AuthResult.Failure failure = (AuthResult.Failure) result;
    log.atLevel(session.config().routineAtDebug() ? Level.DEBUG : Level.INFO)
        .log(
            "login failed for user {}: {} ({})",
            printable(credentials.user()),
            failure.reason(),
            failure.logMessage());
    if (failure.reason() != AuthResult.Reason.TEMPORARY) {
      session.config().loginThrottle().failed(session.info());
    }
    Duration deadline = max(session.config().authFailureDelay(), admission.delay());
    return failed(session, failure.reason()).delayedBy(remaining(deadline, elapsed));
  }

  private static AuthResult check(ProtocolSession session, Credentials credentials) {
    AuthResult result;
    try {
      if (!UserNames.isAcceptable(credentials.user())) {
        result = AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "unacceptable user name");
      } else if (credentials instanceof Credentials.Password p && p.password().length == 0) {
        result = AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "empty password");
      } else if (credentials instanceof Credentials.Password p && p.authorizationId().isPresent()) {
        // Acting as another user (SASL authzid) would need an authorization policy we lack.
        result =
            AuthResult.failure(
                AuthResult.Reason.BAD_CREDENTIALS, "SASL authorization identity of another user");
      } else {
        result = session.authenticator().authenticate(session.info(), credentials);
      }
    } catch (RuntimeException e) {
      log.error("authenticator failed for user {}", printable(credentials.user()), e);
      result = AuthResult.failure(AuthResult.Reason.TEMPORARY, "authenticator threw " + e);
    } finally {
      wipe(credentials);
    }
    return result;
  }

  private static void wipe(Credentials credentials) {
    if (credentials instanceof Credentials.Password p) {
      p.wipe();
    }
  }

  /** {@code deadline} less what has passed already, never negative. */
  private static Duration remaining(Duration deadline, Duration elapsed) {
    Duration left = deadline.minus(elapsed);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * A login refused before any check (credentials that cannot be right, such as a malformed SASL
   * response): answered as late as a checked failure, and counted as one.
   */
  static Action refusedUnchecked(ProtocolSession session) {
    session.config().loginThrottle().failed(session.info());
    return failed(session, AuthResult.Reason.BAD_CREDENTIALS)
        .delayedBy(session.config().authFailureDelay());
  }

  /**
   * A failed login, counted, and the session closed once the budget is spent; the caller delays it.
   */
  static Action failed(ProtocolSession session, AuthResult.Reason reason) {
    if (reason == AuthResult.Reason.TEMPORARY) {
      return Action.send(Reply.err(ResponseCode.SYS_TEMP, "Temporary authentication failure."));
    }
    int failures = session.recordFailedLogin();
    return failures >= session.config().maxFailedLogins()
        ? Action.close(Reply.err(ResponseCode.AUTH, "Too many authentication failures."))
        : Action.send(Reply.err(ResponseCode.AUTH, "Authentication failed."));
  }

  /** Opens the mailbox of an authenticated {@code account} and enters TRANSACTION. */
  static Action openMailbox(ProtocolSession session, Account account) {
    Mailbox mailbox;
    try {
      mailbox = session.store().open(session.info(), account);
    } catch (MailStoreException e) {
      // One line: the cause's text is enough, and syslog lines should not carry stack traces. A
      // mailbox in use is routine where the server is quiet (a test suite).
      boolean routine =
          e.kind() == MailStoreException.Kind.IN_USE && session.config().routineAtDebug();
      log.atLevel(routine ? Level.DEBUG : Level.WARN)
          .log(
              "cannot open the mailbox of {}: {}{}",
              account.user(),
              e.getMessage(),
              e.getCause() == null ? "" : " (" + e.getCause() + ")");
      return Action.send(Reply.err(codeOf(e.kind()), textOf(e)));
    } catch (RuntimeException e) {
      log.error("mail store failed for {}", account.user(), e);
      return Action.send(Reply.err(ResponseCode.SYS_TEMP, "Mailbox could not be opened."));
    }
    List<MessageInfo> snapshot = session.checkedSnapshot(mailbox.messages());
    session.enterTransaction(account.user(), mailbox, snapshot);
    return Action.send(Reply.ok("Logged in."));
  }

  static ResponseCode codeOf(MailStoreException.Kind kind) {
    return switch (kind) {
      case IN_USE -> ResponseCode.IN_USE;
      case PERMANENT -> ResponseCode.SYS_PERM;
      default -> ResponseCode.SYS_TEMP;
    };
  }

  static String textOf(MailStoreException e) {
    String text = e.getMessage();
    return text == null || text.isBlank() ? "Mailbox is not available." : text;
  }

  static String printable(String user) {
    return MessageNumbers.printable(user);
  }
}
