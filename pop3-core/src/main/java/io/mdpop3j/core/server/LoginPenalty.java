package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.LoginThrottle;
import io.mdpop3j.core.spi.Session;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins from one client address slow down that address's later logins, across sessions and
 * whatever the user name, and never another address's.
 *
 * <p>An address (an IPv4 address, or an IPv6 /64, which one host usually holds whole) may fail
 * {@link #FREE_FAILURES} times unhindered. After that its login attempts are answered one at a
 * time, spaced {@link #FIRST_SPACING}, doubling with each further failure up to {@link
 * #MAX_SPACING}; so however many connections it opens, it learns at most one answer per spacing. An
 * attempt that would wait longer than {@link #MAX_WAIT} is refused unchecked. An address's record
 * is forgotten {@link #FORGET_AFTER} after its last failure; at most {@link #MAX_ADDRESSES} are
 * kept (the longest quiet go first). Successful logins are delayed too while a penalty runs, else a
 * client could tell success by the missing delay; they do not clear the record, else one valid
 * account would reset the penalty for guessing others.
 */
final class LoginPenalty implements LoginThrottle {
  static final int FREE_FAILURES = 3;
  static final Duration FIRST_SPACING = Duration.ofMillis(250);
  static final Duration MAX_SPACING = Duration.ofSeconds(8);
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  static final int MAX_ADDRESSES = 100_000;

  private final Clock clock;

  /** Per address, in order of the last failure (the oldest first), guarded by this map. */
  private final LinkedHashMap<Key, Tally> records = new LinkedHashMap<>(16, 0.75f, true);

  /** Nanosecond time, replaceable in tests. */
  interface Clock {
    long nanoTime();
  }

  LoginPenalty() {
    this(System::nanoTime);
  }

  LoginPenalty(Clock clock) {
    this.clock = clock;
  }

  private static final class Tally {
    int failures;
    long lastFailure;
    long nextSlot;
  }

  @Override
  public Admission admit(Session session) {
    Optional<Key> key = Key.of(session);
    if (key.isEmpty()) {
      return Admission.NOW;
    }
    long now = clock.nanoTime();
    synchronized (records) {
      Tally r = records.get(key.get());
      if (r == null || r.failures < FREE_FAILURES) {
        return Admission.NOW;
      }
      if (now - r.lastFailure > FORGET_AFTER.toNanos()) {
        records.remove(key.get());
        return Admission.NOW;
      }
      long slot = Math.max(now, r.nextSlot);
      long wait = slot - now;
      if (wait > MAX_WAIT.toNanos()) {
        return new Admission(MAX_WAIT, true);
      }
      r.nextSlot = slot + spacing(r.failures).toNanos();
      return new Admission(Duration.ofNanos(wait), false);
    }
  }

  @Override
  public void failed(Session session) {
    Optional<Key> key = Key.of(session);
    if (key.isEmpty()) {
      return;
    }
    long now = clock.nanoTime();
    synchronized (records) {
      Tally r = records.get(key.get());
      if (r == null || now - r.lastFailure > FORGET_AFTER.toNanos()) {
        r = new Tally();
        r.nextSlot = now;
        records.put(key.get(), r);
      }
      r.failures++;
      r.lastFailure = now;
      if (records.size() > MAX_ADDRESSES) {
        forgetOldest();
      }
    }
  }

  /** The gap between answers to an address with {@code failures} failures on record. */
  static Duration spacing(int failures) {
    int beyond = Math.max(0, failures - FREE_FAILURES);
    long millis = FIRST_SPACING.toMillis() << Math.min(beyond, 16);
    return Duration.ofMillis(Math.min(millis, MAX_SPACING.toMillis()));
  }

  /** How many addresses are on record (for tests and the bound). */
  int addresses() {
    synchronized (records) {
      return records.size();
    }
  }

  private void forgetOldest() {
    Iterator<Map.Entry<Key, Tally>> it = records.entrySet().iterator();
    while (it.hasNext() && records.size() > MAX_ADDRESSES) {
      it.next();
      it.remove();
    }
  }

  /** An IPv4 address, or the /64 an IPv6 address is in. */
  @SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare the contents
  private record Key(byte[] prefix) {
    static Optional<Key> of(Session session) {
      return session
          .remoteAddress()
          .filter(a -> !a.isUnresolved())
          .map(InetSocketAddress::getAddress)
          .map(Key::of);
    }

    static Key of(InetAddress address) {
      byte[] bytes = address.getAddress();
      return new Key(address instanceof Inet6Address ? Arrays.copyOf(bytes, 8) : bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(prefix, k.prefix);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(prefix);
    }
  }
}
