package io.mdpop3j.core.protocol;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How sessions behave, as the host configured them. Built by the server's builder.
 *
 * @param greeting the text after {@code +OK} in the greeting
 * @param apop whether to offer APOP (only effective when the authenticator supports it)
 * @param apopHost the host part of the APOP timestamp
 * @param implementation the CAPA IMPLEMENTATION text, or empty to leave the line out
 * @param maxFailedLogins failed logins in one session before it is closed
 * @param maxBadCommands bad commands in a row before the session is closed
 * @param authFailureDelay how long a failed login waits before its reply
 * @param plaintextNeedsTls whether USER/PASS and AUTH PLAIN need TLS (or loopback)
 * @param disabledCommands keywords (upper case) turned off: not in CAPA and refused as unknown
 * @param maxMessages the most messages a snapshot holds (the oldest are kept)
 * @param maxBytes the most wire octets a snapshot holds (the oldest are kept)
 * @param loginThrottle the penalty for clients that failed to log in before
 * @param routineAtDebug whether routine events (a failed login, a mailbox in use) are logged at
 *     DEBUG rather than INFO and WARN, as a test suite wants
 */
public record ProtocolSettings(
    String greeting,
    boolean apop,
    String apopHost,
    Optional<String> implementation,
    int maxFailedLogins,
    int maxBadCommands,
    Duration authFailureDelay,
    boolean plaintextNeedsTls,
    Set<String> disabledCommands,
    int maxMessages,
    long maxBytes,
    LoginThrottle loginThrottle,
    boolean routineAtDebug) {

  /** The bad commands in a row allowed by default before the session is closed. */
  public static final int DEFAULT_MAX_BAD_COMMANDS = 20;

  /** The failed logins allowed by default in one session. */
  public static final int DEFAULT_MAX_FAILED_LOGINS = 3;

  public ProtocolSettings {
    Objects.requireNonNull(greeting, "greeting");
    Objects.requireNonNull(apopHost, "apopHost");
    Objects.requireNonNull(implementation, "implementation");
    Objects.requireNonNull(authFailureDelay, "authFailureDelay");
    Objects.requireNonNull(loginThrottle, "loginThrottle");
    disabledCommands = Set.copyOf(disabledCommands);
    if (greeting.indexOf('\r') >= 0 || greeting.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("greeting must be one line");
    }
  }
}
