package io.mdpop3j.core.server;

import io.mdpop3j.core.spi.Session;

/**
 * Observes sessions, for hosts and test fixtures. Called from session threads; implementations must
 * be thread-safe and quick.
 */
public interface SessionListener {

  /**
   * A client line was received; {@code redactedLine} has passwords replaced by {@code <hidden>}.
   */
  default void commandReceived(Session session, String redactedLine) {}

  /** A session ended, with what it did. */
  default void sessionEnded(Session session, EndReason reason, SessionStats stats) {}
}
