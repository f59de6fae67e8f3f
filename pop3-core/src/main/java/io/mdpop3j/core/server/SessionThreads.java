package io.mdpop3j.core.server;

/** What kind of thread a server that owns its executor runs each session on. */
public enum SessionThreads {
  /**
   * Where the runtime has virtual threads (Java 21 and later): a new session runs on a platform
   * thread, and a session that woke from waiting idle without a thread runs on a virtual thread.
   * Elsewhere platform threads only. A busy session's blocking read is one system call on a
   * platform thread, where a virtual thread parks and is woken by the JDK's poller (measured: a
   * third fewer RETR+DELE round trips per second); many idle sessions waking at once each start a
   * platform thread, where a virtual one costs next to nothing (a wake storm 4–5 times faster).
   */
  AUTO,
  /** One platform thread per running session, with the builder's stack size. */
  PLATFORM,
  /** One virtual thread per running session, new or woken; needs Java 21 or later. */
  VIRTUAL;

  /** Whether this runtime offers virtual threads. */
  public static boolean virtualAvailable() {
    return VirtualThreads.AVAILABLE;
  }

  /** Whether sessions woken from the idle selector run on virtual threads. */
  boolean virtualForWakes() {
    return this == VIRTUAL || (this == AUTO && VirtualThreads.AVAILABLE);
  }
}
