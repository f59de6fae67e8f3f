package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.Response;
import io.mdpop3j.core.protocol.ResponseCode;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.protocol.State;
import io.mdpop3j.core.spi.Account;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one session on one transport. The session thread holds {@link #activity} except while it
 * waits for input, so a closer that gets the lock knows the session is idle.
 *
 * <p>A plain-TCP session served by a {@link Pop3Server} may park: when no command comes within the
 * grace period it leaves its thread and waits in the {@link IdleSelector}, which later runs {@link
 * #run()} again on the session executor; everything the conversation needs to go on lives in
 * fields, so it carries on where it stopped.
 */
final class Connection implements Runnable {

  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  private final String id;
  private final SessionSettings settings;
  private final boolean implicitTls;
  private final Optional<Account> preauthenticated;
  private final Watchdog watchdog;
  private final Consumer<Connection> onEnd;
  private final IdleSelector idle;
  private final ReentrantLock activity = new ReentrantLock();

  private volatile Transport transport;
  private volatile long readDeadline;
  private volatile boolean reading;
  private volatile long writeStarted;
  private volatile boolean handshaking;
  private volatile long handshakeDeadline;
  private volatile EndReason forcedReason;
  private volatile boolean shutdownRequested;
  private ReplyWriter writer;
  private LineReader reader;
  private ProtocolSession session;
  // Whole messages written to the reply buffer but not yet flushed: {index, wire size}.
  private final List<long[]> unflushedRetrievals = new ArrayList<>(2);
  private SessionInfo info;
  private String remote;
  // The conversation's state between runs: set and read by whichever thread holds the session.
  private boolean begun;
  private long loginDeadline;
  private boolean awaitingLine;
  private boolean mayPark;
  private boolean parkPending;
  private volatile boolean parked;

  /**
   * @param idle where the session parks when idle, or null to keep its thread for its whole life
   */
  Connection(
      String id,
      SessionSettings settings,
      Transport transport,
      boolean implicitTls,
      Optional<Account> preauthenticated,
      Watchdog watchdog,
      IdleSelector idle,
      Consumer<Connection> onEnd) {
    this.id = id;
    this.settings = settings;
    this.transport = transport;
    this.implicitTls = implicitTls;
    this.preauthenticated = preauthenticated;
    this.watchdog = watchdog;
    this.onEnd = onEnd;
    this.idle = idle;
  }

  /** Runs the session until it ends or parks; run again, it resumes a parked session. */
  @Override
  public void run() {
    activity.lock();
    parked = false;
    boolean first = !begun;
    begun = true;
    EndReason reason = EndReason.ERROR;
    if (first) {
      watchdog.watch(this);
      remote = transport.remote().map(a -> a.getAddress().getHostAddress()).orElse("-");
    }
    MDC.put("session", id);
    MDC.put("remote", remote);
    if (first && !settings.quiet()) {
      log.info("connect from {}", remote);
    }
    if (!first) {
      session.user().ifPresent(u -> MDC.put("user", u));
    }
    try {
      reason = first ? open() : null;
      if (reason == null) {
        reason = converse();
      }
    } catch (LineTooLongException e) {
      reason = EndReason.LINE_TOO_LONG;
      tryLastWords(Reply.err("Input line too long."));
    } catch (InactivityException | SocketTimeoutException e) {
      reason = EndReason.IDLE_TIMEOUT;
      tryLastWords(Reply.err("Disconnected for inactivity."));
    } catch (ShutdownRequestedException e) {
      reason = EndReason.SERVER_SHUTDOWN;
      tryLastWords(Reply.err("Server shutting down."));
    } catch (IOException e) {
      reason = forcedReason != null ? forcedReason : EndReason.DISCONNECTED;
      log.debug("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      reason = EndReason.ERROR;
      log.error("session failed", e);
    } finally {
      if (parkPending) {
        park();
      } else {
        finish(reason);
      }
    }
  }

  /** Greets the client (after the TLS handshake of an implicit-TLS listener). */
  private EndReason open() throws IOException {
    long started = System.nanoTime();
    loginDeadline = started + settings.loginTimeout().toNanos();
    // Made before any handshake, so listeners hear of sessions whose TLS fails too.
    info = new SessionInfo(id, transport.remote(), transport.local(), false, settings.attributes());
    if (implicitTls) {
      if (!handshake()) {
        return EndReason.TLS_FAILED;
      }
      info.markSecure();
    }
    session =
        new ProtocolSession(
            settings.protocol(),
            settings.authenticator(),
            settings.store(),
            info,
            settings.tls() != null && settings.offerStls() && transport.canStartTls());
    openStreams();
    if (preauthenticated.isPresent()) {
      Response first = session.preauthenticate(preauthenticated.get());
      writer.write(first.reply());
      if (!first.reply().isOk()) {
        writer.flush();
        return EndReason.MAILBOX_UNAVAILABLE;
      }
      MDC.put("user", preauthenticated.get().user());
    } else {
      writer.write(session.greeting());
    }
    // TLS sessions keep their thread: an SSLSocket works in blocking mode only, and may hold
    // decrypted input a selector cannot see. Pre-authenticated ones run on streams or in the
    // caller's thread.
    mayPark = idle != null && preauthenticated.isEmpty() && idleChannel() != null;
    return null;
  }

  /** Answers commands until the session ends (returned) or parks (null, with parkPending set). */
  private EndReason converse() throws IOException {
    while (true) {
      if (!awaitingLine) {
        // A resumed session goes on waiting against the deadline it had when it parked.
        long idleDeadline = System.nanoTime() + settings.idleTimeout().toNanos();
        readDeadline =
            session.state() == State.AUTHORIZATION
                ? Math.min(idleDeadline, loginDeadline)
                : idleDeadline;
        awaitingLine = true;
      }
      String line;
      try {
        line = reader.readLine();
      } catch (GraceOverException e) {
        writer.flush();
        if (idle.ready()) {
          parkPending = true;
          return null;
        }
        mayPark = false;
        continue;
      }
      awaitingLine = false;
      if (shutdownRequested) {
        // The closer saw the session busy and left the goodbye to it; the line read is dropped.
        tryLastWords(Reply.err("Server shutting down."));
        return EndReason.SERVER_SHUTDOWN;
      }
      if (line == null) {
        return EndReason.DISCONNECTED;
      }
      EndReason end = handle(line);
      if (end != null) {
        return end;
      }
      if (shutdownRequested) {
        tryLastWords(Reply.err("Server shutting down."));
        return EndReason.SERVER_SHUTDOWN;
      }
    }
  }

  /** Runs one client line; returns how the session ends, or null to go on. */
  private EndReason handle(String line) throws IOException {
    String redacted = null;
    if (settings.logCommands() || settings.listener() != null) {
      redacted = session.redact(line);
      if (settings.logCommands()) {
        log.debug("C: {}", redacted);
      }
      if (settings.listener() != null) {
        settings.listener().commandReceived(info, redacted);
      }
    }
    Response response = session.onLine(line);
    if (!response.delay().isZero()) {
      writer.flush();
      sleep(response.delay());
    }
    session.user().ifPresent(u -> MDC.put("user", u));
    switch (response.action()) {
      case SEND_MESSAGE:
        sendMessage(response);
        return null;
      case START_TLS:
        writer.write(response.reply());
        writer.flush();
        if (reader.hasBufferedInput()) {
          // RFC 2595 section 4 / CVE-2011-0411 class: nothing may be pipelined after STLS.
          log.warn("input pipelined after STLS; closing");
          return EndReason.STLS_INJECTION;
        }
        if (!handshake()) {
          return EndReason.TLS_FAILED;
        }
        session.tlsStarted();
        mayPark = false;
        openStreams();
        return null;
      case CLOSE:
        writer.write(response.reply());
        writer.flush();
        return endReasonOf(response.reply());
      default:
        writer.write(response.reply());
        return null;
    }
  }

  private EndReason endReasonOf(Reply reply) {
    if (session.stats().quit()) {
      return EndReason.QUIT;
    }
    return reply.code().isPresent() ? EndReason.AUTH_FAILURES : EndReason.BAD_COMMANDS;
  }

  private void sendMessage(Response response) throws IOException {
    ProtocolSession.Transfer transfer = session.beginTransfer(response);
    writer.write(transfer.reply());
    if (transfer.body() == null) {
      return;
    }
    try (InputStream body = transfer.body()) {
      long sent = writer.writeMessage(body, response.topLines());
      if (response.topLines() < 0) {
        // Retrieved once its last octet has left the buffer (see the write clock's flushed()).
        unflushedRetrievals.add(new long[] {response.messageIndex(), sent});
      }
    }
  }

  /** Records as retrieved the messages whose last octets the flush just sent. */
  private void retrievalsFlushed() {
    for (long[] r : unflushedRetrievals) {
      session.retrieved((int) r[0], r[1]);
    }
    unflushedRetrievals.clear();
  }

  private boolean handshake() throws IOException {
    try {
      int millis = (int) Math.min(Integer.MAX_VALUE, settings.loginTimeout().toMillis());
      // The socket timeout bounds each read only; the watchdog bounds the whole handshake, so
      // that a client dribbling its handshake one octet at a time cannot hold the session.
      handshakeDeadline = System.nanoTime() + settings.loginTimeout().toNanos();
      handshaking = true;
      transport = transport.startTls(settings.tls(), Math.max(1, millis));
      return true;
    } catch (IOException e) {
      log.info("TLS handshake failed: {}", e.getMessage());
      return false;
    } finally {
      handshaking = false;
    }
  }

  private void openStreams() throws IOException {
    writer =
        new ReplyWriter(
            transport.output(),
            new ReplyWriter.WriteClock() {
              @Override
              public void writeStarted() {
                writeStarted = System.nanoTime();
              }

              @Override
              public void writeEnded() {
                writeStarted = 0;
              }

              @Override
              public void flushed() {
                if (!unflushedRetrievals.isEmpty()) {
                  retrievalsFlushed();
                }
              }
            });
    reader = new LineReader(new DeadlineInput(transport.input()), writer::flush);
  }

  /** Sends a last reply if the client can still take it; never blocks for long. */
  private void tryLastWords(Reply reply) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(reply);
      writer.flush();
    } catch (IOException | IllegalBlockingModeException e) {
      // The client is gone or not reading; closing is all that is left. (A parked channel closed
      // under us could not go back to blocking mode, hence the second kind.)
    }
  }

  private void finish(EndReason reason) {
    try {
      if (session != null) {
        session.end(settings.commitOnError() && reason != EndReason.QUIT);
      }
    } finally {
      transport.close();
      watchdog.forget(this);
      ProtocolSession.Stats stats =
          session != null ? session.stats() : new ProtocolSession.Stats(0, 0, 0, 0, 0, false);
      if (!settings.quiet()) {
        log.info(
            "disconnect ({}): user={} messages={} retrieved={} octets={} deleted={}/{}",
            reason,
            session != null ? session.user().orElse("-") : "-",
            stats.messages(),
            stats.retrieved(),
            stats.bytesRetrieved(),
            stats.removed(),
            stats.markedDeleted());
      }
      if (settings.listener() != null && info != null) {
        try {
          settings.listener().sessionEnded(info, reason, stats);
        } catch (RuntimeException e) {
          log.warn("session listener failed", e);
        }
      }
      MDC.clear();
      activity.unlock();
      onEnd.accept(this);
    }
  }

  /**
   * Leaves the thread: the session waits in the idle selector, holding only what it needs to go on.
   * The reply buffers are made again when the session next writes.
   */
  private void park() {
    parkPending = false;
    writer.release();
    reader.release();
    parked = true;
    MDC.clear();
    activity.unlock();
    // From here another thread may run this session; touch nothing.
    idle.park(this);
  }

  /** The channel a parked session waits on; null when this session cannot park. */
  SocketChannel idleChannel() {
    return transport.idleChannel().orElse(null);
  }

  /** Whether a parked session must run again although no input came: deadline or shutdown. */
  boolean mustWake(long now) {
    return shutdownRequested || now - readDeadline > 0;
  }

  /**
   * Ends a parked session the executor would not run again, in the caller's thread, with the reply
   * its waking would have led to. Its channel is in blocking mode again.
   */
  void endUnresumed() {
    activity.lock();
    parked = false;
    MDC.put("session", id);
    MDC.put("remote", remote);
    EndReason reason = EndReason.ERROR;
    try {
      if (shutdownRequested || forcedReason != null) {
        reason = forcedReason != null ? forcedReason : EndReason.SERVER_SHUTDOWN;
        tryLastWords(Reply.err("Server shutting down."));
      } else if (System.nanoTime() - readDeadline > 0) {
        reason = EndReason.IDLE_TIMEOUT;
        tryLastWords(Reply.err("Disconnected for inactivity."));
      } else {
        log.warn("the session executor refused to resume an idle session; closing it");
        tryLastWords(Reply.err(ResponseCode.SYS_TEMP, "Server busy, try again later."));
      }
    } finally {
      finish(reason);
    }
  }

  /**
   * Asks the session to end: at once if it is waiting for input (with a last {@code -ERR}), else
   * after its current command.
   */
  void requestShutdown() {
    shutdownRequested = true;
    if (parked) {
      // The idle selector wakes it; its own thread then says goodbye in blocking mode.
      idle.nudge();
      return;
    }
    if (activity.tryLock()) {
      try {
        if (reading) {
          forcedReason = EndReason.SERVER_SHUTDOWN;
          tryLastWords(Reply.err("Server shutting down."));
          transport.close();
        }
      } finally {
        activity.unlock();
      }
    }
  }

  /** Closes the transport whatever the session is doing. */
  void forceClose() {
    forcedReason = EndReason.SERVER_SHUTDOWN;
    transport.abort();
    if (idle != null) {
      idle.nudge();
    }
  }

  /** Called by the watchdog. */
  void checkDeadlines(long now) {
    if (handshaking && now - handshakeDeadline > 0) {
      forcedReason = EndReason.TLS_FAILED;
      log.info("TLS handshake not done within the login timeout; closing");
      transport.abort();
      return;
    }
    long w = writeStarted;
    if (w != 0 && now - w > settings.writeTimeout().toNanos()) {
      forcedReason = EndReason.WRITE_TIMEOUT;
      log.info("client stopped reading; closing");
      transport.abort();
      return;
    }
    if (reading && !transport.timedReads() && now - readDeadline > 0 && activity.tryLock()) {
      try {
        if (reading) {
          forcedReason = EndReason.IDLE_TIMEOUT;
          tryLastWords(Reply.err("Disconnected for inactivity."));
          transport.close();
        }
      } finally {
        activity.unlock();
      }
    }
  }

  /** Sleeps at least {@code delay}: rounded up, so a reply due at a deadline is never early. */
  private static void sleep(Duration delay) {
    try {
      TimeUnit.MICROSECONDS.sleep((delay.toNanos() + 999) / 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown when the read deadline has passed. */
  static final class InactivityException extends IOException {
    InactivityException() {
      super("read deadline passed");
    }
  }

  /**
   * Thrown when no input came within the grace period, so the session may park. Carries no stack:
   * it is control flow, thrown at most once per grace period.
   */
  static final class GraceOverException extends IOException {
    GraceOverException() {
      super("no input within the grace period");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Thrown when the server is closing as the session is about to wait for input. */
  static final class ShutdownRequestedException extends IOException {
    ShutdownRequestedException() {
      super("server shutting down");
    }
  }

  /** The transport's input, with the read deadline applied and the activity lock released. */
  private final class DeadlineInput extends InputStream {
    private final InputStream in;

    DeadlineInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long remaining = TimeUnit.NANOSECONDS.toMillis(readDeadline - System.nanoTime());
      if (remaining <= 0) {
        throw new InactivityException();
      }
      // A zero grace still waits a millisecond: a session woken because its socket became
      // readable must read what woke it (input, or the end of it) rather than park again.
      long wait = mayPark ? Math.min(remaining, Math.max(1, idle.graceMillis())) : remaining;
      transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, wait));
      reading = true;
      activity.unlock();
      try {
        // requestShutdown may have run after the last command but before this read began, when
        // it could not see the session waiting; checked after unlocking, one of the two sees it.
        if (shutdownRequested) {
          throw new ShutdownRequestedException();
        }
        return in.read(b, off, len);
      } catch (SocketTimeoutException e) {
        if (wait < remaining) {
          throw new GraceOverException();
        }
        throw e;
      } finally {
        activity.lock();
        reading = false;
      }
    }
  }
}
