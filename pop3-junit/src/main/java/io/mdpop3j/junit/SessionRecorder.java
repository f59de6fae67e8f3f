package io.mdpop3j.junit;

import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.server.SessionStats;
import io.mdpop3j.core.spi.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Records what sessions do, from the server's listener and the store wrapper, and lets a test wait
 * for sessions to end. One per running server; thread-safe.
 */
final class SessionRecorder implements SessionListener {

  private static final Logger log = LoggerFactory.getLogger(Pop3Extension.class);

  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<RecordedSession> ended = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final ChangeSignal signal;
  private final boolean verbose;
  private int consumed;

  /**
   * @param signal told when a session has ended
   * @param verbose log every client line and session at INFO instead of session ends at DEBUG
   */
  SessionRecorder(ChangeSignal signal, boolean verbose) {
    this.signal = signal;
    this.verbose = verbose;
  }

  /** What one open session has done so far; touched by its own thread only, read at its end. */
  private static final class Live {
    final List<String> commands = new ArrayList<>();
    final List<String> retrieved = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<String> notRemoved = new ArrayList<>();
    final List<String> loginFailures = new ArrayList<>();
    volatile String keyword = "";
  }

  private Live live(Session session) {
    return live.computeIfAbsent(session.id(), id -> new Live());
  }

  @Override
  public void commandReceived(Session session, String redactedLine) {
    Live l = live(session);
    synchronized (l) {
      l.commands.add(redactedLine);
    }
    int space = redactedLine.indexOf(' ');
    l.keyword =
        (space < 0 ? redactedLine : redactedLine.substring(0, space)).toUpperCase(Locale.ROOT);
    if (verbose) {
      log.info("POP3 session {} C: {}", session.id(), redactedLine);
    }
    lock.lock();
    try {
      lines.add(redactedLine);
    } finally {
      lock.unlock();
    }
  }

  /** Called by the store wrapper when a message is opened; counts it when the command was RETR. */
  void opened(Session session, String uniqueId) {
    Live l = live(session);
    if (l.keyword.equals("RETR")) {
      synchronized (l) {
        l.retrieved.add(uniqueId);
      }
    }
  }

  /** Called by the store wrapper after the UPDATE state. */
  void updated(Session session, List<String> deleted, List<String> notRemoved) {
    Live l = live(session);
    synchronized (l) {
      l.deleted.addAll(deleted);
      l.notRemoved.addAll(notRemoved);
    }
  }

  /** Called by the authenticator: why a login failed, which the client is never told. */
  void loginFailed(Session session, String reason) {
    Live l = live(session);
    synchronized (l) {
      l.loginFailures.add(reason);
    }
  }

  @Override
  public void sessionEnded(Session session, EndReason reason, SessionStats stats) {
    Live l = live.remove(session.id());
    if (l == null) {
      l = new Live();
    }
    RecordedSession record;
    synchronized (l) {
      record =
          new RecordedSession(
              session.id(),
              session.user(),
              session.isSecure(),
              l.commands,
              reason,
              l.retrieved,
              l.deleted,
              l.notRemoved,
              l.loginFailures);
    }
    log.atLevel(verbose ? Level.INFO : Level.DEBUG)
        .log(
            "POP3 session {} ended ({}): user={} tls={} retrieved={} deleted={} loginFailures={}",
            record.id(),
            record.endReason(),
            record.user().orElse("-"),
            record.secure(),
            record.retrieved().size(),
            record.deleted().size(),
            record.loginFailures());
    lock.lock();
    try {
      ended.add(record);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    signal.changed();
  }

  /** Every finished session so far, oldest first. */
  List<RecordedSession> sessions() {
    lock.lock();
    try {
      return List.copyOf(ended);
    } finally {
      lock.unlock();
    }
  }

  /** Every client line received so far by any session, in order, passwords hidden. */
  List<String> log() {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the next ended session not yet returned by this method. */
  RecordedSession awaitNext(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      waitUntil(consumed + 1, timeout);
      return ended.get(consumed++);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code n} sessions have ended in all; returns them. */
  List<RecordedSession> awaitCount(int n, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      waitUntil(n, timeout);
      return List.copyOf(ended);
    } finally {
      lock.unlock();
    }
  }

  private void waitUntil(int count, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    while (ended.size() < count) {
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + count
                + " finished POP3 session(s) within "
                + timeout
                + ", but "
                + ended.size()
                + " ended and "
                + live.size()
                + " still open"
                + loginFailuresSoFar(ended));
      }
      left = changed.awaitNanos(left);
    }
  }

  /** The number of sessions seen but not yet ended. */
  int openCount() {
    return live.size();
  }

  /** {@code ; failed logins: ...} for a failure text, or "" when every login worked. */
  static String loginFailuresSoFar(List<RecordedSession> sessions) {
    List<String> failures = new ArrayList<>();
    for (RecordedSession s : sessions) {
      failures.addAll(s.loginFailures());
    }
    return failures.isEmpty() ? "" : "; failed logins: " + String.join("; ", failures);
  }
}
