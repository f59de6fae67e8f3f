package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.MailStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable POP3 server. Made by {@link #builder()}; {@link #start()} binds in the caller's
 * thread, {@link #close()} stops it and may be followed by another {@link #start()}.
 *
 * <p>Each session runs on a thread: the host's executor if one was given (never shut down here),
 * else a thread this server creates and ends. A plain-TCP session that waits for a command longer
 * than {@link Pop3ServerBuilder#idleThreadRelease(Duration)} gives its thread back and waits in one
 * selector shared by all sessions, then runs on a thread again when its client sends something.
 */
public final class Pop3Server implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pop3Server.class);
  static final byte[] TOO_MANY =
      "-ERR [SYS/TEMP] Too many connections, try again later.\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final List<InetSocketAddress> plainAddresses;
  private final List<InetSocketAddress> tlsAddresses;
  private final SessionSettings settings;
  private final Executor hostExecutor;
  private final int maxSessions;
  private final ProxyProtocol proxy;
  private final int backlog;
  private final Duration shutdownGrace;
  private final long threadStackSize;
  private final SessionThreads sessionThreads;
  private final Duration idleThreadRelease;
  private final AtomicLong sessionCounter = new AtomicLong();
  private final String idPrefix = Long.toString(System.nanoTime() & 0xfffff, 36);

  private final Object lifecycle = new Object();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AddressSessions perAddress;
  private final AtomicInteger active = new AtomicInteger();

  /** Notified whenever the last open session ends; see {@link #awaitNoActiveSessions}. */
  private final Object noActiveSessions = new Object();

  private volatile List<ServerSocketChannel> plainSockets = List.of();
  private volatile List<ServerSocketChannel> tlsSockets = List.of();
  private List<Thread> acceptors = List.of();
  private ExecutorService ownExecutor;
  // Where sessions woken from the idle selector run: virtual threads on 21+ unless PLATFORM.
  private ExecutorService wakeExecutor;
  private Watchdog watchdog;
  private IdleSelector idle;
  private volatile boolean running;

  Pop3Server(Pop3ServerBuilder b, SessionSettings settings) {
    this.plainAddresses = List.copyOf(b.plainAddresses);
    this.tlsAddresses = List.copyOf(b.tlsAddresses);
    this.settings = settings;
    this.hostExecutor = b.executor;
    this.maxSessions = b.maxSessions;
    this.perAddress = new AddressSessions(b.maxSessionsPerAddress);
    this.proxy =
        b.proxyTrusted == null ? null : new ProxyProtocol(b.proxyTrusted, b.proxyHeaderTimeout);
    this.backlog = b.backlog;
    this.shutdownGrace = b.shutdownGrace;
    this.threadStackSize = b.threadStackSize;
    this.sessionThreads = b.sessionThreads;
    this.idleThreadRelease = b.releaseIdleThreads ? b.idleThreadRelease : null;
  }

  /** A builder with the defaults documented on each of its methods. */
  public static Pop3ServerBuilder builder() {
    return new Pop3ServerBuilder();
  }

  /**
   * Binds every configured address and starts accepting, or throws naming the address that could
   * not be bound (nothing stays bound then).
   *
   * @throws IllegalStateException when already running
   */
  public void start() throws IOException {
    synchronized (lifecycle) {
      if (running) {
        throw new IllegalStateException("server is already running");
      }
      List<ServerSocketChannel> plain = new ArrayList<>();
      List<ServerSocketChannel> tls = new ArrayList<>();
      try {
        for (InetSocketAddress address : plainAddresses) {
          plain.add(bind(address));
        }
        for (InetSocketAddress address : tlsAddresses) {
          tls.add(bind(address));
        }
      } catch (IOException e) {
        closeAll(plain);
        closeAll(tls);
        throw e;
      }
      plainSockets = plain;
      tlsSockets = tls;
      watchdog = new Watchdog("pop3-watchdog", tick());
      if (hostExecutor == null) {
        ownExecutor = sessionThreads == SessionThreads.VIRTUAL ? virtual() : platformThreads();
        if (sessionThreads.virtualForWakes()) {
          wakeExecutor = sessionThreads == SessionThreads.VIRTUAL ? ownExecutor : virtual();
        }
      }
      // Cheap until the first session parks: the selector and its thread come then.
      idle =
          idleThreadRelease == null
              ? null
              : new IdleSelector(
                  "pop3-idle-" + idPrefix,
                  idleThreadRelease.toMillis(),
                  parkedTick(),
                  hostExecutor != null
                      ? hostExecutor
                      : wakeExecutor != null ? wakeExecutor : ownExecutor);
      running = true;
      List<Thread> threads = new ArrayList<>();
      for (ServerSocketChannel s : plain) {
        threads.add(acceptor(s, false));
      }
      for (ServerSocketChannel s : tls) {
        threads.add(acceptor(s, true));
      }
      acceptors = threads;
      threads.forEach(Thread::start);
    }
  }

  /** The bound port of the first plain listener (useful after binding port 0). */
  public int port() {
    return boundPort(plainSockets);
  }

  /** The bound port of the first implicit-TLS listener. */
  public int tlsPort() {
    return boundPort(tlsSockets);
  }

  /** Whether the server is accepting connections. */
  public boolean isRunning() {
    return running;
  }

  /** The number of sessions now open. */
  public int activeSessions() {
    return active.get();
  }

  /**
   * Waits until no session accepted by this server's listeners is open, for at most {@code
   * timeout}. A session counts as ended once its mailbox is updated and released, so a test may
   * look at the store as soon as this returns true. Sessions run by {@code serve} are not counted.
   *
   * @return true when no session is open, false when some were still open after {@code timeout}
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitNoActiveSessions(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (noActiveSessions) {
      while (active.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(noActiveSessions, left);
      }
      return true;
    }
  }

  /**
   * Stops accepting, ends idle sessions at once and busy ones after their command (waiting at most
   * the shutdown grace), then closes what is left. Nothing is deleted for a session that did not
   * say QUIT. Idempotent.
   */
  @Override
  public void close() {
    List<Thread> threads;
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      running = false;
      closeAll(plainSockets);
      closeAll(tlsSockets);
      threads = acceptors;
    }
    for (Thread t : threads) {
      joinQuietly(t, 1000);
    }
    for (Connection c : connections) {
      c.requestShutdown();
    }
    long deadline = System.nanoTime() + shutdownGrace.toNanos();
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      sleepQuietly(10);
    }
    for (Connection c : connections) {
      c.forceClose();
    }
    long last = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!connections.isEmpty() && System.nanoTime() < last) {
      sleepQuietly(10);
    }
    synchronized (lifecycle) {
      watchdog.close();
      if (idle != null) {
        idle.close();
        idle = null;
      }
      if (ownExecutor != null) {
        ownExecutor.shutdown();
        ownExecutor = null;
      }
      if (wakeExecutor != null) {
        wakeExecutor.shutdown();
        wakeExecutor = null;
      }
      plainSockets = List.of();
      tlsSockets = List.of();
    }
  }

  /**
   * Runs one session on {@code socket} in the calling thread and returns when it ends (inetd mode).
   * With {@code implicitTls} the TLS handshake comes first; a PROXY header from a trusted balancer
   * (see {@link Pop3ServerBuilder#proxyProtocol}) comes before both.
   */
  public EndReason serve(Socket socket, boolean implicitTls) {
    return serveOn(new SocketTransport(socket), implicitTls, Optional.empty(), proxy);
  }

  /**
   * Runs one session over a pair of streams in the calling thread: inetd with pipes, or a
   * pre-authenticated session that starts in TRANSACTION for {@code preauthenticated}. On an idle
   * timeout the streams are closed; a thread blocked reading a pipe may stay blocked, so a process
   * serving one session should exit when this returns.
   */
  public EndReason serve(
      InputStream in,
      OutputStream out,
      Optional<InetSocketAddress> remote,
      Optional<Account> preauthenticated) {
    // No PROXY header on streams: their remote address comes from the caller, not a balancer.
    return serveOn(new StreamTransport(in, out, remote, () -> {}), false, preauthenticated, null);
  }

  private EndReason serveOn(
      Transport transport,
      boolean implicitTls,
      Optional<Account> preauthenticated,
      ProxyProtocol proxyProtocol) {
    EndReason[] reason = {EndReason.ERROR};
    SessionListener outer = settings.listener();
    SessionListener capture =
        new SessionListener() {
          @Override
          public void commandReceived(io.mdpop3j.core.spi.Session s, String line) {
            if (outer != null) {
              outer.commandReceived(s, line);
            }
          }

          @Override
          public void sessionEnded(io.mdpop3j.core.spi.Session s, EndReason r, SessionStats stats) {
            reason[0] = r;
            if (outer != null) {
              outer.sessionEnded(s, r, stats);
            }
          }
        };
    SessionSettings own =
        new SessionSettings(
            settings.protocol(),
            settings.commands(),
            settings.authenticator(),
            settings.store(),
            settings.tls(),
            settings.offerStls(),
            settings.idleTimeout(),
            settings.loginTimeout(),
            settings.writeTimeout(),
            settings.commitOnError(),
            settings.quiet(),
            settings.logCommands(),
            capture,
            settings.attributes());
    try (Watchdog dog = new Watchdog("pop3-watchdog-single", tick())) {
      new Connection(
              nextId(),
              own,
              transport,
              implicitTls,
              preauthenticated,
              new ClientAdmission(proxyProtocol, null, null),
              dog,
              null,
              c -> {})
          .run();
    }
    return reason[0];
  }

  private Thread acceptor(ServerSocketChannel server, boolean implicitTls) {
    Thread t =
        new Thread(
            () -> acceptLoop(server, implicitTls),
            "pop3-accept-" + server.socket().getLocalSocketAddress());
    t.setDaemon(true);
    return t;
  }

  private void acceptLoop(ServerSocketChannel server, boolean implicitTls) {
    IdleSelector parking = idle;
    while (running) {
      Socket socket;
      try {
        // Accepted through a channel, so that an idle session can wait in a selector.
        SocketChannel channel = server.accept();
        socket = channel.socket();
      } catch (IOException e) {
        if (running) {
          log.warn(
              "accept failed on {}: {}", server.socket().getLocalSocketAddress(), e.toString());
          sleepQuietly(50);
        }
        continue;
      }
      admit(socket, implicitTls, parking);
    }
  }

  private void admit(Socket socket, boolean implicitTls, IdleSelector parking) {
    InetAddress peer = socket.getInetAddress();
    try {
      // Replies leave in whole batches already; Nagle would hold the tail of a message (and the
      // reply after it) until the client's delayed acknowledgement.
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      // Not fatal: the session only runs slower.
    }
    int total = active.incrementAndGet();
    // A trusted balancer's connections count for the client its header names, once it is read.
    InetAddress counted = proxy != null && proxy.expectsHeaderFrom(peer) ? null : peer;
    int mine = counted == null ? 0 : perAddress.open(counted);
    if (!running || total > maxSessions || mine > perAddress.limit()) {
      log.info("refusing {}: {} sessions open, {} from that address", peer, total - 1, mine - 1);
      release(counted);
      refuse(socket, implicitTls);
      return;
    }
    Connection connection =
        new Connection(
            nextId(),
            settings,
            new SocketTransport(socket),
            implicitTls,
            Optional.empty(),
            new ClientAdmission(proxy, perAddress, counted),
            watchdog,
            implicitTls ? null : parking,
            c -> {
              connections.remove(c);
              release(c.countedAddress());
            });
    connections.add(connection);
    try {
      (hostExecutor != null ? hostExecutor : ownExecutor).execute(connection);
    } catch (RejectedExecutionException e) {
      log.warn("executor refused a session: {}", e.toString());
      connections.remove(connection);
      release(counted);
      refuse(socket, implicitTls);
    }
  }

  /**
   * One session ended or was refused; {@code counted} is its address if it was counted, or null.
   */
  private void release(InetAddress counted) {
    int open = active.decrementAndGet();
    if (counted != null) {
      perAddress.close(counted);
    }
    if (open == 0) {
      synchronized (noActiveSessions) {
        noActiveSessions.notifyAll();
      }
    }
  }

  private static void refuse(Socket socket, boolean implicitTls) {
    try (socket) {
      if (!implicitTls) {
        socket.getOutputStream().write(TOO_MANY);
      }
    } catch (IOException e) {
      // The client is gone already.
    }
  }

  private ServerSocketChannel bind(InetSocketAddress address) throws IOException {
    ServerSocketChannel socket = ServerSocketChannel.open();
    try {
      socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      socket.bind(address, backlog);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          "cannot listen on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static ExecutorService virtual() {
    return VirtualThreads.perTask("pop3-session-");
  }

  private ExecutorService platformThreads() {
    AtomicInteger n = new AtomicInteger();
    // A parked session gives its thread back to this pool; an idle pool thread keeps its stack
    // resident, so it ends after 5 s: long enough to serve a session that wakes soon after it
    // parked (the grace is 1 s), short enough that idle sessions soon cost no thread at all.
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        5,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(null, r, "pop3-session-" + n.incrementAndGet(), threadStackSize);
          t.setDaemon(true);
          return t;
        });
  }

  private String nextId() {
    return idPrefix + Long.toString(sessionCounter.incrementAndGet(), 36);
  }

  private long tick() {
    long shortest = Math.min(settings.writeTimeout().toMillis(), settings.idleTimeout().toMillis());
    return Math.min(1000, Math.max(20, shortest / 4));
  }

  /**
   * How often the deadlines of parked sessions are checked: a quarter of the shortest, 20..1000 ms.
   */
  private long parkedTick() {
    long shortest = Math.min(settings.loginTimeout().toMillis(), settings.idleTimeout().toMillis());
    return Math.min(1000, Math.max(20, shortest / 4));
  }

  private static int boundPort(List<ServerSocketChannel> sockets) {
    if (sockets.isEmpty()) {
      throw new IllegalStateException("no such listener is bound; call start() first");
    }
    return sockets.get(0).socket().getLocalPort();
  }

  private static void closeAll(List<ServerSocketChannel> sockets) {
    for (ServerSocketChannel s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Nothing more to do for a socket that will not close.
      }
    }
  }

  private static void joinQuietly(Thread t, long millis) {
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The protocol settings sessions of this server use. */
  ProtocolSettings protocolSettings() {
    return settings.protocol();
  }

  /** The authenticator sessions use. */
  public Authenticator authenticator() {
    return settings.authenticator();
  }

  /** The mail store sessions use. */
  public MailStore mailStore() {
    return settings.store();
  }

  /** Whether TLS is configured. */
  public boolean hasTls() {
    return settings.tls() != null;
  }
}
