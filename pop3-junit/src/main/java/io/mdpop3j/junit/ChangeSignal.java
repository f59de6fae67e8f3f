package io.mdpop3j.junit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets a test wait for a condition on the server's state: woken by every delivery, purge and
 * session end, and rechecking now and then for changes made behind the extension's back (a program
 * writing into a Maildir itself).
 */
final class ChangeSignal {

  /** The longest a waiter sleeps between checks when nothing signals a change. */
  private static final long RECHECK_MILLIS = 25;

  private final Object monitor = new Object();
  private long version;

  /** Something a waiter may be waiting for has changed. */
  void changed() {
    synchronized (monitor) {
      version++;
      monitor.notifyAll();
    }
  }

  /**
   * Checks {@code condition} until it gives a value, and returns that value.
   *
   * @param failure the text of the {@link AssertionError} thrown after {@code timeout}: it should
   *     say what was there instead
   * @throws AssertionError when the condition gave nothing within {@code timeout}
   */
  <T> T await(Duration timeout, Supplier<Optional<T>> condition, Supplier<String> failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen;
      synchronized (monitor) {
        seen = version;
      }
      // Checked outside the monitor: a check may read a Maildir, which must not hold up others.
      Optional<T> value = condition.get();
      if (value.isPresent()) {
        return value.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(failure.get());
      }
      synchronized (monitor) {
        if (version == seen) {
          monitor.wait(Math.max(1, Math.min(RECHECK_MILLIS, left / 1_000_000)));
        }
      }
    }
  }
}
