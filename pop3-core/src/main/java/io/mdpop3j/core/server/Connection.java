package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.Action;
import io.mdpop3j.core.protocol.MessageBody;
import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.ResponseCode;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.protocol.State;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.ChannelBinding;
import java.io.IOException;
import java.net.InetAddress;
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
 * Runs one session on one transport: reads a line, hands it to the {@link ProtocolSession}, carries
 * out the {@link Action} it returns, and again. The session thread holds {@link #activity} except
 * while it waits for input (see {@link #awaitInput}), so a closer that gets the lock knows the
 * session is idle.
 *
 * <p>A plain-TCP session served by a {@link Pop3Server} may park (see {@link Parking}): it leaves
 * its thread while idle, and {@link #run()} runs again on the session executor when it wakes;
 * everything the conversation needs lives in fields, so it carries on where it stopped.
 */
final class Connection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  private final String id;
  private final SessionSettings settings;
  private final boolean implicitTls;
  private final Optional<Account> preauthenticated;
  private final ClientAdmission admission;
  private final Watchdog watchdog;
  private final Consumer<Connection> onEnd;
  private final ReentrantLock activity = new ReentrantLock();
  private final SessionDeadlines deadlines;
  private final Parking parking;

  private volatile Transport transport;
  private volatile boolean reading;
  private volatile EndReason forcedReason;
  private volatile boolean shutdownRequested;
  private ReplyWriter writer;
  private LineReader reader;
  private ProtocolSession session;
  private SessionInfo info;
  private String remote;
  // The user name last put in the MDC, so that each command does not put it again.
  private String taggedUser;
  private boolean begun;
  // Messages written to the reply buffer whose last octets have not been flushed yet.
  private final List<SentBody> unflushed = new ArrayList<>(2);

  private record SentBody(MessageBody body, long wireSize) {}

  /**
   * @param idle where the session parks when idle, or null to keep its thread for its whole life
   */
  Connection(
      String id,
      SessionSettings settings,
      Transport transport,
      boolean implicitTls,
      Optional<Account> preauthenticated,
      ClientAdmission admission,
      Watchdog watchdog,
      IdleSelector idle,
      Consumer<Connection> onEnd) {
    this.id = id;
    this.settings = settings;
    this.transport = transport;
    this.implicitTls = implicitTls;
    this.preauthenticated = preauthenticated;
    this.admission = admission;
    this.watchdog = watchdog;
    this.onEnd = onEnd;
    this.deadlines =
        new SessionDeadlines(
            settings.idleTimeout(), settings.loginTimeout(), settings.writeTimeout());
    this.parking = new Parking(idle);
  }

  /** Runs the session until it ends or parks; run again, it resumes a parked session. */
  @Override
  public void run() {
    activity.lock();
    if (parking.parked()) {
      parking.resumed();
      blockingAgain();
    }
    boolean first = !begun;
    begun = true;
    if (first) {
      watchdog.watch(this);
      remote = transport.remote().map(a -> a.getAddress().getHostAddress()).orElse("-");
    }
    MDC.put("session", id);
    MDC.put("remote", remote);
    if (!first) {
      tagUser();
    }
    EndReason reason = EndReason.ERROR;
    try {
      reason = first ? open() : null;
      if (reason == null) {
        reason = converse();
      }
    } catch (IOException e) {
      reason = forcedReason != null ? forcedReason : EndReason.DISCONNECTED;
      log.debug("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      reason = EndReason.ERROR;
      log.error("session failed", e);
    } finally {
      if (parking.pending() && nonBlockingForParking()) {
        park();
      } else {
        finish(reason != null ? reason : EndReason.DISCONNECTED);
      }
    }
  }

  /**
   * Puts the channel in non-blocking mode for the selector; false when it is closed. Done here, on
   * the session's thread, so that the one selector thread does not make this call for every park.
   */
  private boolean nonBlockingForParking() {
    try {
      idleChannel().configureBlocking(false);
      return true;
    } catch (IOException | RuntimeException e) {
      log.debug("cannot park: {}", e.toString());
      return false;
    }
  }

  /** A woken session reads in blocking mode again; the selector has deregistered its channel. */
  private void blockingAgain() {
    try {
      idleChannel().configureBlocking(true);
    } catch (IOException | RuntimeException e) {
      // Closed: the next read fails and the session ends as a closed one does.
      log.debug("cannot make an idle channel blocking again: {}", e.toString());
    }
  }

  /**
   * Learns where the client is (a trusted balancer's PROXY header comes first of all), admits it,
   * and greets it (after the TLS handshake of an implicit-TLS listener).
   */
  private EndReason open() throws IOException {
    deadlines.sessionStarted(System.nanoTime());
    // The connection's own view until a header says otherwise, so listeners hear of sessions
    // that end while the header is awaited too.
    info = sessionInfo(Origin.direct(transport));
    Origin origin;
    try {
      origin = awaitOrigin();
    } catch (ProxyHeaderException e) {
      if (forcedReason != null) {
        return forcedReason; // closed under the read by a shutdown
      }
      // PROXY protocol section 2.1: drop the connection, and say nothing to it.
      log.info("closing connection from balancer {}: {}", remote, e.getMessage());
      return EndReason.PROXY_HEADER_INVALID;
    }
    if (origin == null) {
      return EndReason.SERVER_SHUTDOWN;
    }
    remote = origin.remoteText();
    MDC.put("remote", remote);
    // Made before any handshake, so listeners hear of sessions whose TLS fails too.
    info = sessionInfo(origin);
    if (!settings.quiet()) {
      if (origin.balancer().isPresent()) {
        log.info("connect from {} via {}", remote, origin.balancerText());
      } else {
        log.info("connect from {}", remote);
      }
    }
    int open = admission.count(origin);
    if (admission.overLimit(open)) {
      log.info("refusing {}: {} sessions open from that address", remote, open - 1);
      if (!implicitTls) {
        transport.output().write(Pop3Server.TOO_MANY);
      }
      return EndReason.SESSION_LIMIT;
    }
    if (implicitTls) {
      if (!startTls()) {
        return EndReason.TLS_FAILED;
      }
      info.markSecure();
    }
    session =
        new ProtocolSession(
            settings.protocol(),
            settings.commands(),
            settings.authenticator(),
            settings.store(),
            info,
            settings.tls() != null && settings.offerStls() && transport.canStartTls());
    if (implicitTls) {
      session.tlsStarted(bindings());
    }
    openStreams();
    if (preauthenticated.isPresent()) {
      Action first = session.preauthenticate(preauthenticated.get());
      writer.write(first.reply());
      if (!first.reply().isOk()) {
        writer.flush();
        return EndReason.MAILBOX_UNAVAILABLE;
      }
      tagUser();
    } else {
      writer.write(session.greeting());
    }
    parking.allowIf(preauthenticated.isEmpty() && idleChannel() != null);
    return null;
  }

  /**
   * Where the client is: read from a trusted balancer's PROXY header, or the connection's own
   * endpoints. Null when the server shut down meanwhile. While the header is awaited a closer may
   * end the session, as in {@link #awaitInput}.
   */
  private Origin awaitOrigin() throws IOException {
    if (!admission.expectsHeaderOn(transport)) {
      return Origin.direct(transport);
    }
    reading = true;
    activity.unlock();
    try {
      if (shutdownRequested) {
        return null;
      }
      return admission.originOf(transport);
    } finally {
      activity.lock();
      reading = false;
    }
  }

  private SessionInfo sessionInfo(Origin origin) {
    // The balancer's word on TLS counts only because its address is trusted (else no header).
    return new SessionInfo(
        id, origin.remote(), origin.local(), origin.tlsAtBalancer(), settings.attributes());
  }

  /** Answers commands until the session ends (returned) or is to park (null). */
  private EndReason converse() throws IOException {
    while (true) {
      deadlines.awaitingCommand(System.nanoTime(), session.state() != State.AUTHORIZATION);
      reader.saslResponseDue(session.awaitingSaslResponse());
      Input input = awaitInput();
      if (input == Input.Event.GRACE_OVER) {
        if (parking.graceOver()) {
          return null;
        }
        continue;
      }
      deadlines.commandReceived();
      parking.commandReceived();
      if (shutdownRequested) {
        // The closer saw the session busy and left the goodbye to it; a line read is dropped.
        return lastWords(EndReason.SERVER_SHUTDOWN, Reply.err("Server shutting down."));
      }
      EndReason end;
      if (input instanceof Input.Line line) {
        end = handle(line.text());
      } else if (input instanceof Input.TooLong tooLong) {
        end = tooLong(tooLong.sasl());
      } else {
        return endOf((Input.Event) input);
      }
      if (end != null) {
        return end;
      }
    }
  }

  private EndReason endOf(Input.Event event) {
    return switch (event) {
      case END_OF_INPUT -> EndReason.DISCONNECTED;
      case DEADLINE_PASSED ->
          lastWords(EndReason.IDLE_TIMEOUT, Reply.err("Disconnected for inactivity."));
      default -> lastWords(EndReason.SERVER_SHUTDOWN, Reply.err("Server shutting down."));
    };
  }

  /**
   * Waits for the next command line and says what happened. Replies still buffered go out first,
   * unless the client has already sent more (pipelining, RFC 2449 section 6.6). This is the only
   * place the session lets go of {@link #activity}: while it blocks in a read, a closer may take
   * the lock, see {@link #reading}, and end the session with a last reply.
   */
  private Input awaitInput() throws IOException {
    while (true) {
      try {
        String line = reader.bufferedLine();
        if (line != null) {
          return new Input.Line(line);
        }
      } catch (LineTooLongException e) {
        return new Input.TooLong(e.sasl());
      }
      if (reader.ended()) {
        return Input.Event.END_OF_INPUT;
      }
      boolean inputWaiting = !reader.mayBlock();
      if (!inputWaiting) {
        writer.flush();
      }
      long left = deadlines.readMillisLeft(System.nanoTime());
      if (left <= 0) {
        return Input.Event.DEADLINE_PASSED;
      }
      long wait = parking.readWaitMillis(left);
      // Input already waiting is read without a timeout: it cannot block, and on Java 17 a timed
      // read costs four fcntl(2) calls to make the socket non-blocking and blocking again.
      transport.setReadTimeout(inputWaiting ? 0 : (int) Math.min(Integer.MAX_VALUE, wait));
      reading = true;
      activity.unlock();
      try {
        // requestShutdown may have run after the last command but before this wait began, when
        // it could not see the session waiting; checked after unlocking, one of the two sees it.
        if (shutdownRequested) {
          return Input.Event.SHUTDOWN;
        }
        reader.readMore();
      } catch (SocketTimeoutException e) {
        return wait < left ? Input.Event.GRACE_OVER : Input.Event.DEADLINE_PASSED;
      } finally {
        activity.lock();
        reading = false;
      }
    }
  }

  /**
   * An over-long line: the session decides. A SASL response is a failed login and the session goes
   * on past the rest of the line; any other ends the session.
   */
  private EndReason tooLong(boolean sasl) throws IOException {
    boolean failedLogin = sasl && session.state() == State.AUTHORIZATION;
    Action action = session.lineTooLong(sasl);
    if (!failedLogin) {
      return lastWords(EndReason.LINE_TOO_LONG, action.reply());
    }
    reader.skipLine();
    return carryOut(action);
  }

  /** Runs one client line; returns how the session ends, or null to go on. */
  private EndReason handle(String line) throws IOException {
    if (settings.logCommands() || settings.listener() != null) {
      String redacted = session.redact(line);
      if (settings.logCommands()) {
        log.debug("C: {}", redacted);
      }
      if (settings.listener() != null) {
        settings.listener().commandReceived(info, redacted);
      }
    }
    return carryOut(session.onLine(line));
  }

  /** Does what the session decided; returns how the session ends, or null to go on. */
  private EndReason carryOut(Action action) throws IOException {
    if (!action.delay().isZero()) {
      writer.flush();
      sleep(action.delay());
    }
    tagUser();
    writer.write(action.reply());
    if (action instanceof Action.SendMessage message) {
      send(message.body());
    } else if (action instanceof Action.StartTls) {
      writer.flush();
      if (reader.hasBufferedInput()) {
        // RFC 2595 section 4 / CVE-2011-0411 class: nothing may be pipelined after STLS.
        log.warn("input pipelined after STLS; closing");
        return EndReason.STLS_INJECTION;
      }
      if (!startTls()) {
        return EndReason.TLS_FAILED;
      }
      session.tlsStarted(bindings());
      parking.forbid();
      openStreams();
    } else if (action instanceof Action.Close) {
      writer.flush();
      return endReasonOf(action.reply());
    }
    if (shutdownRequested) {
      return lastWords(EndReason.SERVER_SHUTDOWN, Reply.err("Server shutting down."));
    }
    return null;
  }

  /** Puts the session's user, once known, in the MDC for the log lines of this thread. */
  private void tagUser() {
    String user = session.user().orElse(null);
    if (user != null && !user.equals(taggedUser)) {
      MDC.put("user", user);
      taggedUser = user;
    }
  }

  private EndReason endReasonOf(Reply reply) {
    if (session.stats().quit()) {
      return EndReason.QUIT;
    }
    return reply.code().isPresent() ? EndReason.AUTH_FAILURES : EndReason.BAD_COMMANDS;
  }

  /** Streams {@code body}; its session hears of it once its last octet has been flushed. */
  private void send(MessageBody body) throws IOException {
    try (body) {
      long wireSize = writer.writeMessage(body.stored(), body.bodyLines());
      unflushed.add(new SentBody(body, wireSize));
    }
  }

  /** Tells the session about the messages whose last octets the flush just sent. */
  private void bodiesFlushed() {
    for (SentBody sent : unflushed) {
      sent.body().whenSent().accept(sent.wireSize());
    }
    unflushed.clear();
  }

  private boolean startTls() {
    Transport tls =
        TlsHandshake.perform(transport, settings.tls(), settings.loginTimeout(), deadlines);
    if (tls == null) {
      return false;
    }
    transport = tls;
    return true;
  }

  /** What SCRAM-PLUS may bind to on this TLS connection. */
  private List<ChannelBinding> bindings() {
    return transport.tlsSession().map(ChannelBindings::of).orElse(List.of());
  }

  private void openStreams() throws IOException {
    writer =
        new ReplyWriter(
            transport.output(),
            new ReplyWriter.WriteClock() {
              @Override
              public void writeStarted() {
                deadlines.writeStarted(System.nanoTime());
              }

              @Override
              public void writeEnded() {
                deadlines.writeEnded();
              }

              @Override
              public void flushed() {
                if (!unflushed.isEmpty()) {
                  bodiesFlushed();
                }
              }
            });
    reader = new LineReader(transport.input());
  }

  /** Sends {@code reply} if the client can still take it, and returns {@code reason}. */
  private EndReason lastWords(EndReason reason, Reply reply) {
    tryLastWords(reply);
    return reason;
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
      SessionEndReport.send(settings, info, session, reason);
      MDC.clear();
      taggedUser = null;
      activity.unlock();
      onEnd.accept(this);
    }
  }

  /**
   * Leaves the thread: the session waits in the idle selector, holding only what it needs to go on.
   * The reply buffers are made again when the session next writes.
   */
  private void park() {
    writer.release();
    reader.release();
    MDC.clear();
    taggedUser = null;
    activity.unlock();
    // From here another thread may run this session; touch nothing.
    parking.park(this);
  }

  /** The client address this session holds a per-address count for, or null. */
  InetAddress countedAddress() {
    return admission.counted();
  }

  /** The channel a parked session waits on; null when this session cannot park. */
  SocketChannel idleChannel() {
    return transport.idleChannel().orElse(null);
  }

  /** Whether a parked session must run again although no input came: deadline or shutdown. */
  boolean mustWake(long now) {
    return shutdownRequested || deadlines.readOverdue(now);
  }

  /**
   * Ends a parked session the executor would not run again, in the caller's thread, with the reply
   * its waking would have led to. Its channel is in blocking mode again.
   */
  void endUnresumed() {
    activity.lock();
    parking.resumed();
    blockingAgain();
    MDC.put("session", id);
    MDC.put("remote", remote);
    EndReason reason = EndReason.ERROR;
    try {
      if (shutdownRequested || forcedReason != null) {
        reason = forcedReason != null ? forcedReason : EndReason.SERVER_SHUTDOWN;
        tryLastWords(Reply.err("Server shutting down."));
      } else if (deadlines.readOverdue(System.nanoTime())) {
        reason = lastWords(EndReason.IDLE_TIMEOUT, Reply.err("Disconnected for inactivity."));
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
    if (parking.parked()) {
      // The idle selector wakes it; its own thread then says goodbye in blocking mode.
      parking.nudge();
      return;
    }
    closeIfWaiting(EndReason.SERVER_SHUTDOWN, Reply.err("Server shutting down."));
  }

  /** Closes the transport whatever the session is doing. */
  void forceClose() {
    forcedReason = EndReason.SERVER_SHUTDOWN;
    transport.abort();
    parking.nudge();
  }

  /** Called by the watchdog. */
  void checkDeadlines(long now) {
    switch (deadlines.overdue(now, reading && !transport.timedReads())) {
      case HANDSHAKE -> {
        forcedReason = EndReason.TLS_FAILED;
        log.info("TLS handshake not done within the login timeout; closing");
        transport.abort();
      }
      case WRITE -> {
        forcedReason = EndReason.WRITE_TIMEOUT;
        log.info("client stopped reading; closing");
        transport.abort();
      }
      case READ ->
          // Transports without timed reads (streams) cannot time out by themselves.
          closeIfWaiting(EndReason.IDLE_TIMEOUT, Reply.err("Disconnected for inactivity."));
      default -> {}
    }
  }

  /** Ends the session with {@code reply} if it is blocked waiting for input; else does nothing. */
  private void closeIfWaiting(EndReason reason, Reply reply) {
    if (activity.tryLock()) {
      try {
        if (reading) {
          forcedReason = reason;
          tryLastWords(reply);
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
}
