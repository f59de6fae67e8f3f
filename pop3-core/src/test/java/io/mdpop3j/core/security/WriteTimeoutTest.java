package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops reading in the middle of a 50 MB RETR is dropped after the write timeout (by
 * default the idle timeout), its session thread is freed, and nothing is deleted.
 */
@Timeout(60)
class WriteTimeoutTest {

  private static final long FIFTY_MB = 50L * 1024 * 1024;

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");

  @Test
  void clientThatStopsReadingDuringA50MbRetrIsDroppedAfterTheIdleTimeout() throws Exception {
    GeneratedMailStore store = new GeneratedMailStore(FIFTY_MB, 1000);
    try (Pop3Server server =
        Servers.plain(auth, store).idleTimeout(Duration.ofSeconds(1)).build()) {
      server.start();
      Socket socket = smallWindowSocket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));

      long stalled = stallInRetr(RawClient.over(socket), store);

      assertTrue(
          Servers.await(Duration.ofSeconds(10), () -> store.closes() == 1), "session never ended");
      long millis = (store.lastClose() - stalled) / 1_000_000;
      System.out.println("write timeout 1 s, plain: dropped " + millis + " ms after the stall");
      assertTrue(millis >= 900 && millis < 6000, "dropped " + millis + " ms after the stall");
      assertEquals(0, store.updates(), "nothing deleted without QUIT");
      assertTrue(Servers.await(Duration.ofSeconds(5), () -> server.activeSessions() == 0));
      assertTrue(
          Servers.await(Duration.ofSeconds(5), () -> busySessionThreads() == 0),
          "a session thread is still inside Connection.run");
      socket.close();
    }
  }

  @Test
  void sessionThreadCountReturnsToWhereItWasAfterTheDrop() throws Exception {
    GeneratedMailStore store = new GeneratedMailStore(FIFTY_MB);
    // A host executor that starts one thread per session and no pool, so the count is exact.
    AtomicInteger n = new AtomicInteger();
    Executor threadPerSession =
        task -> new Thread(task, "pop3-session-wt" + n.incrementAndGet()).start();
    try (Pop3Server server =
        Servers.plain(auth, store)
            .executor(threadPerSession)
            .idleTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(1))
            .build()) {
      server.start();
      int before = sessionThreads();
      Socket socket = smallWindowSocket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));

      stallInRetr(RawClient.over(socket), store);
      assertEquals(before + 1, sessionThreads(), "one thread while the RETR is stuck");

      assertTrue(
          Servers.await(Duration.ofSeconds(8), () -> sessionThreads() == before),
          "session threads: " + sessionThreads() + ", before: " + before);
      assertEquals(0, store.updates());
      socket.close();
    }
  }

  @Test
  void clientThatStopsReadingOverTlsIsDroppedToo() throws Exception {
    GeneratedMailStore store = new GeneratedMailStore(FIFTY_MB);
    try (Pop3Server server =
        Servers.withTls(auth, store).writeTimeout(Duration.ofSeconds(1)).build()) {
      server.start();
      Socket plain = smallWindowSocket();
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tlsPort()));
      SSLSocket tls =
          (SSLSocket)
              TestCertificates.get()
                  .clientContext()
                  .getSocketFactory()
                  .createSocket(plain, "127.0.0.1", server.tlsPort(), true);
      tls.startHandshake();

      long stalled = stallInRetr(RawClient.over(tls), store);

      assertTrue(
          Servers.await(Duration.ofSeconds(10), () -> store.closes() == 1), "session never ended");
      long millis = (store.lastClose() - stalled) / 1_000_000;
      System.out.println("write timeout 1 s, TLS: dropped " + millis + " ms after the stall");
      assertTrue(millis >= 900 && millis < 6000, "dropped " + millis + " ms after the stall");
      assertTrue(Servers.await(Duration.ofSeconds(5), () -> server.activeSessions() == 0));
      tls.close();
    }
  }

  /** Logs in, asks for message 1, reads a little of it, stops; returns when it stopped. */
  private static long stallInRetr(RawClient c, GeneratedMailStore store) throws Exception {
    c.expectOk(c.readLine());
    c.expectOk(c.command("USER alice"));
    c.expectOk(c.command("PASS s3cret"));
    if (store.count() > 1) {
      c.expectOk(c.command("DELE 2"));
    }
    assertEquals("+OK " + store.size(0) + " octets", c.command("RETR 1"));
    for (int i = 0; i < 100; i++) {
      c.readLine();
    }
    return System.nanoTime();
  }

  /** A client socket with a small receive window, so the server's writes block soon. */
  private static Socket smallWindowSocket() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(32 * 1024);
    return socket;
  }

  private static int sessionThreads() {
    int count = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("pop3-session-") && t.isAlive()) {
        count++;
      }
    }
    return count;
  }

  /** Threads of any server now running a session (not idle in a pool). */
  private static int busySessionThreads() {
    int count = 0;
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : e.getValue()) {
        if (frame.getClassName().equals("io.mdpop3j.core.server.Connection")) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}
