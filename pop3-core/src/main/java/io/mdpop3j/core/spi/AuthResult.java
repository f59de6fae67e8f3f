package io.mdpop3j.core.spi;

import java.util.Objects;

/** The outcome of one authentication attempt. */
public sealed interface AuthResult permits AuthResult.Success, AuthResult.Failure {

  /** The credentials were right; {@code account} is who logged in. */
  record Success(Account account) implements AuthResult {
    public Success {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The login did not succeed. The client sees a text chosen by {@link Reason} only; {@code
   * logMessage} goes to the server log and may name the cause (never a secret).
   */
  record Failure(Reason reason, String logMessage) implements AuthResult {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(logMessage, "logMessage");
    }
  }

  /** Why a login failed. */
  enum Reason {
    /** Unknown user or wrong secret; the client cannot tell which. */
    BAD_CREDENTIALS,
    /** The account exists and the secret was right, but it may not log in (locked, expired). */
    ACCOUNT_DISABLED,
    /** The check could not be made now (a database down, no permission to read shadow). */
    TEMPORARY
  }

  /** A success for {@code account}. */
  static AuthResult success(Account account) {
    return new Success(account);
  }

  /** A failure with the given reason and log text. */
  static AuthResult failure(Reason reason, String logMessage) {
    return new Failure(reason, logMessage);
  }
}
