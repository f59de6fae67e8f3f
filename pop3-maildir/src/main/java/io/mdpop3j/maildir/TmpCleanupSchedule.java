package io.mdpop3j.maildir;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When each Maildir's {@code tmp/} is due for cleaning: at most once per interval, since files
 * there must be 36 hours old to go, so cleaning once an hour loses nothing and saves a directory
 * listing on most logins. What it remembers is bounded by the Maildirs opened within the last two
 * intervals, not by every Maildir ever opened: entries older than the interval are dropped, at most
 * once per interval.
 */
final class TmpCleanupSchedule {

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<Object, Long> lastCleanup = new ConcurrentHashMap<>();
  private volatile long nextSweep;

  /** A schedule of one cleaning per {@code interval}, timed by {@code nanoClock}. */
  TmpCleanupSchedule(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.nextSweep = nanoClock.getAsLong() + intervalNanos;
  }

  /** Whether {@code maildir}'s tmp/ is due now; if so, it counts as cleaned now. */
  boolean due(Object maildir) {
    long now = nanoClock.getAsLong();
    sweep(now);
    Long last = lastCleanup.get(maildir);
    if (last != null && now - last < intervalNanos) {
      return false;
    }
    lastCleanup.put(maildir, now);
    return true;
  }

  /** How many Maildirs it remembers. */
  int size() {
    return lastCleanup.size();
  }

  private void sweep(long now) {
    if (now - nextSweep < 0) {
      return;
    }
    nextSweep = now + intervalNanos;
    lastCleanup.values().removeIf(last -> now - last >= intervalNanos);
  }
}
