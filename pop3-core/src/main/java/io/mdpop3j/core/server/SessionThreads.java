package io.mdpop3j.core.server;

/** What kind of thread a server that owns its executor runs each session on. */
public enum SessionThreads {
  /** Virtual threads where the runtime has them (Java 21 and later), platform threads elsewhere. */
  AUTO,
  /** One platform thread per running session, with the builder's stack size. */
  PLATFORM,
  /** One virtual thread per running session; needs Java 21 or later. */
  VIRTUAL;

  /** Whether this runtime offers virtual threads. */
  public static boolean virtualAvailable() {
    return VirtualThreads.AVAILABLE;
  }

  boolean virtual() {
    return this == VIRTUAL || (this == AUTO && VirtualThreads.AVAILABLE);
  }
}
