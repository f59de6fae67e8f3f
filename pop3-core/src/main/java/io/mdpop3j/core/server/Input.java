package io.mdpop3j.core.server;

/** What happened while a session waited for its next command. */
sealed interface Input {

  /** A whole line came (without its line break). */
  record Line(String text) implements Input {}

  /** No line break came within the longest line allowed; {@code sasl} if it was a SASL line. */
  record TooLong(boolean sasl) implements Input {}

  /** Everything else that can end a wait. */
  enum Event implements Input {
    /** The client closed its side. */
    END_OF_INPUT,
    /** The grace period ended with no command: the session may park. */
    GRACE_OVER,
    /** The read deadline (idle or login timeout) passed. */
    DEADLINE_PASSED,
    /** The server is shutting down. */
    SHUTDOWN
  }
}
