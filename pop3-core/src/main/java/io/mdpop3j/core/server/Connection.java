package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.Response;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.protocol.State;
import io.mdpop3j.core.spi.Account;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one session on one transport, in one thread. The session thread holds {@link #activity}
 * except while it waits for input, so a closer that gets the lock knows the session is idle.
 */
final class Connection implements Runnable {

  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  private final String id;
  private final SessionSettings settings;
  private final boolean implicitTls;
  private final Optional<Account> preauthenticated;
  private final Watchdog watchdog;
  private final Consumer<Connection> onEnd;
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
  private SessionInfo info;

  Connection(
      String id,
      SessionSettings settings,
      Transport transport,
      boolean implicitTls,
      Optional<Account> preauthenticated,
      Watchdog watchdog,
      Consumer<Connection> onEnd) {
    this.id = id;
    this.settings = settings;
    this.transport = transport;
    this.implicitTls = implicitTls;
    this.preauthenticated = preauthenticated;
    this.watchdog = watchdog;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    activity.lock();
    watchdog.watch(this);
    EndReason reason = EndReason.ERROR;
    String remote = transport.remote().map(a -> a.getAddress().getHostAddress()).orElse("-");
    MDC.put("session", id);
    MDC.put("remote", remote);
    if (!settings.quiet()) {
      log.info("connect from {}", remote);
    }
    try {
      reason = converse();
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
      finish(reason);
    }
  }

  private EndReason converse() throws IOException {
    long started = System.nanoTime();
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
            settings.sslContext() != null && settings.offerStls() && transport.canStartTls());
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
    long loginDeadline = started + settings.loginTimeout().toNanos();
    while (true) {
      long idleDeadline = System.nanoTime() + settings.idleTimeout().toNanos();
      readDeadline =
          session.state() == State.AUTHORIZATION
              ? Math.min(idleDeadline, loginDeadline)
              : idleDeadline;
      String line = reader.readLine();
      if (shutdownRequested) {
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
      sleep(response.delay().toMillis());
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
        session.retrieved(response.messageIndex(), sent);
      }
    }
  }

  private boolean handshake() throws IOException {
    try {
      int millis = (int) Math.min(Integer.MAX_VALUE, settings.loginTimeout().toMillis());
      // The socket timeout bounds each read only; the watchdog bounds the whole handshake, so
      // that a client dribbling its handshake one octet at a time cannot hold the session.
      handshakeDeadline = System.nanoTime() + settings.loginTimeout().toNanos();
      handshaking = true;
      transport = transport.startTls(settings.sslContext(), Math.max(1, millis));
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
    } catch (IOException e) {
      // The client is gone or not reading; closing is all that is left.
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
   * Asks the session to end: at once if it is waiting for input (with a last {@code -ERR}), else
   * after its current command.
   */
  void requestShutdown() {
    shutdownRequested = true;
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

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
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
      transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
      reading = true;
      activity.unlock();
      try {
        // requestShutdown may have run after the last command but before this read began, when
        // it could not see the session waiting; checked after unlocking, one of the two sees it.
        if (shutdownRequested) {
          throw new ShutdownRequestedException();
        }
        return in.read(b, off, len);
      } finally {
        activity.lock();
        reading = false;
      }
    }
  }
}
