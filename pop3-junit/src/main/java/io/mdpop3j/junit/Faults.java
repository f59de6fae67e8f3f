package io.mdpop3j.junit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The faults a test has asked for; shared by the store and authenticator wrappers. */
final class Faults {

  final AtomicInteger failingLogins = new AtomicInteger();
  final AtomicInteger failingDeletions = new AtomicInteger();
  final AtomicReference<Duration> loginDelay = new AtomicReference<>(Duration.ZERO);
  final AtomicReference<Duration> retrievalDelay = new AtomicReference<>(Duration.ZERO);

  /** Takes one from {@code counter} if it is positive; true when a fault is due. */
  static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  static void pause(AtomicReference<Duration> delay) {
    long millis = delay.get().toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
