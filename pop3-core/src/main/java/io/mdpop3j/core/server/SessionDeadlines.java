package io.mdpop3j.core.server;

import java.time.Duration;

/**
 * The three clocks of one session: the read deadline (idle timeout, and the login timeout before
 * login), the TLS handshake's deadline, and how long one write may block. The session thread sets
 * them; the watchdog reads them, so what it reads is volatile.
 */
final class SessionDeadlines {

  /** Which deadline has passed. */
  enum Overdue {
    NONE,
    HANDSHAKE,
    WRITE,
    READ
  }

  private final long idleNanos;
  private final long loginNanos;
  private final long writeNanos;

  private long loginDeadline;
  private boolean readArmed;
  private volatile long readDeadline;
  private volatile boolean handshaking;
  private volatile long handshakeDeadline;
  private volatile long writeStarted;

  SessionDeadlines(Duration idleTimeout, Duration loginTimeout, Duration writeTimeout) {
    this.idleNanos = idleTimeout.toNanos();
    this.loginNanos = loginTimeout.toNanos();
    this.writeNanos = writeTimeout.toNanos();
  }

  /** The connection was accepted: the login timeout runs from now. */
  void sessionStarted(long now) {
    loginDeadline = now + loginNanos;
    readDeadline = loginDeadline;
  }

  /**
   * The session waits for its next command: the idle timeout starts, bounded by the login deadline
   * before login. A session that parked and resumed is still waiting, against the deadline it had.
   */
  void awaitingCommand(long now, boolean loggedIn) {
    if (readArmed) {
      return;
    }
    long idleDeadline = now + idleNanos;
    readDeadline = loggedIn ? idleDeadline : Math.min(idleDeadline, loginDeadline);
    readArmed = true;
  }

  /** A command came; the next wait starts a new idle timeout. */
  void commandReceived() {
    readArmed = false;
  }

  /** Milliseconds left before the read deadline; zero or less once it has passed. */
  long readMillisLeft(long now) {
    return (readDeadline - now) / 1_000_000;
  }

  boolean readOverdue(long now) {
    return now - readDeadline > 0;
  }

  /** A TLS handshake starts; it must end within the login timeout. */
  void handshakeStarted(long now) {
    handshakeDeadline = now + loginNanos;
    handshaking = true;
  }

  void handshakeEnded() {
    handshaking = false;
  }

  /** A blocking write to the client starts. */
  void writeStarted(long now) {
    // 0 means "not writing": a clock that reads exactly 0 is taken as 1 ns later.
    writeStarted = now == 0 ? 1 : now;
  }

  void writeEnded() {
    writeStarted = 0;
  }

  /**
   * The deadline that has passed at {@code now} for a session that may be blocked in a handshake or
   * a write ({@code READ} is only reported when {@code reading}).
   */
  Overdue overdue(long now, boolean reading) {
    if (handshaking && now - handshakeDeadline > 0) {
      return Overdue.HANDSHAKE;
    }
    long w = writeStarted;
    if (w != 0 && now - w > writeNanos) {
      return Overdue.WRITE;
    }
    if (reading && readOverdue(now)) {
      return Overdue.READ;
    }
    return Overdue.NONE;
  }
}
