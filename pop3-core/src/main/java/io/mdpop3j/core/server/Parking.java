package io.mdpop3j.core.server;

/**
 * Whether and when an idle session gives its thread back: a plain-TCP session that has no command
 * within the grace period waits in the server's {@link IdleSelector} instead, and runs again when
 * input, a deadline or shutdown wakes it.
 */
final class Parking {

  /**
   * The grace of a session woken after it was parked for at least the whole grace, until it shows
   * it is busy again (a second command within this time, or a wake soon after it parked again): an
   * idle client's keep-alive NOOP then costs its thread for this long, not the whole grace, so a
   * storm of such wakes is served by a few reused threads instead of one thread per session.
   */
  static final long WOKEN_GRACE_MILLIS = 20;

  private final IdleSelector idle;
  private boolean allowed;
  private boolean pending;
  private volatile boolean parked;
  // Commands since the last wake, counted while the short grace applies: the first is the one
  // that woke the session, a second within the short grace says the client is busy again.
  private int sinceWake = -1;
  // When the session last parked, and whether after the short grace: woken again within the whole
  // grace of such a park, its client is busy (a round trip longer than the short grace).
  private long parkedAt;
  private boolean parkedEarly;

  /**
   * @param idle the server's idle selector, or null when sessions keep their thread
   */
  Parking(IdleSelector idle) {
    this.idle = idle;
  }

  /**
   * Allows parking once the session is open, if it can: TLS sessions keep their thread (an
   * SSLSocket reads in blocking mode only, and may hold decrypted input no selector sees), as do
   * pre-authenticated ones, which run on streams or in the caller's thread.
   */
  void allowIf(boolean possible) {
    allowed = idle != null && possible;
  }

  /** The session can never park again (TLS started, or the selector is gone). */
  void forbid() {
    allowed = false;
  }

  /**
   * How long one read may block with {@code millisLeft} before the read deadline: at most the grace
   * period when the session may park. A zero grace still waits a millisecond, so a session woken
   * because its socket became readable reads what woke it rather than park again.
   */
  long readWaitMillis(long millisLeft) {
    if (!allowed) {
      return millisLeft;
    }
    long grace = idle.graceMillis();
    if (sinceWake >= 0) {
      grace = Math.min(grace, WOKEN_GRACE_MILLIS);
    }
    return Math.min(millisLeft, Math.max(1, grace));
  }

  /** A command arrived: after the one that woke the session, it has the full grace again. */
  void commandReceived() {
    if (sinceWake >= 0 && ++sinceWake >= 2) {
      sinceWake = -1;
    }
  }

  /**
   * The grace period ended with no command: true when the session is to park now; false when it
   * cannot (the server is closing its selector) and must keep waiting on its thread.
   */
  boolean graceOver() {
    if (idle.ready()) {
      pending = true;
      return true;
    }
    allowed = false;
    return false;
  }

  /** Whether the session is to park as its run ends. */
  boolean pending() {
    return pending;
  }

  /** Hands the session to the selector; from here another thread may run it. */
  void park(Connection connection) {
    pending = false;
    parkedAt = System.nanoTime();
    parkedEarly = sinceWake >= 0;
    parked = true;
    idle.park(connection);
  }

  /** The session runs on a thread again. */
  void resumed() {
    parked = false;
    boolean busy = parkedEarly && System.nanoTime() - parkedAt < idle.graceMillis() * 1_000_000L;
    sinceWake = busy ? -1 : 0;
  }

  /** Whether the session is waiting in the selector, with no thread. */
  boolean parked() {
    return parked;
  }

  /** Wakes the selector so it looks at its sessions' deadlines and shutdown at once. */
  void nudge() {
    if (idle != null) {
      idle.nudge();
    }
  }
}
