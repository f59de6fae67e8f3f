package io.mdpop3j.core.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** start(), port(), close() and the host's executor, as an embedding application uses them. */
class ServerLifecycleTest {
  private static Pop3ServerBuilder builder(int port) {
    return Pop3Server.builder()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
        .mailStore(new MemoryMailStore())
        .authFailureDelay(Duration.ZERO);
  }

  private static void greets(int port) throws IOException {
    try (RawClient c = RawClient.connect(port)) {
      assertTrue(c.readLine().startsWith("+OK"));
      assertEquals("+OK Logging out.", c.command("QUIT"));
    }
  }

  @Test
  void portZeroBindsAFreePortThatPortReports() throws Exception {
    Pop3Server server = builder(0).build();
    assertThrows(IllegalStateException.class, server::port, "no port before start()");
    server.start();
    try {
      assertNotEquals(0, server.port());
      assertTrue(server.isRunning());
      greets(server.port());
    } finally {
      server.close();
    }
  }

  @Test
  void closeIsIdempotentAndThePortCanBeReboundAtOnce() throws Exception {
    Pop3Server first = builder(0).build();
    first.start();
    int port = first.port();
    greets(port); // leaves a connection in TIME_WAIT on that port
    first.close();
    first.close();
    assertFalse(first.isRunning());

    Pop3Server second = builder(port).build();
    second.start();
    try {
      assertEquals(port, second.port());
      greets(port);
    } finally {
      second.close();
    }
  }

  @Test
  void closeBeforeStartDoesNothing() {
    assertDoesNotThrow(() -> builder(0).build().close());
  }

  @Test
  void aClosedServerCanStartAgain() throws Exception {
    Pop3Server server = builder(0).build();
    server.start();
    server.close();
    server.start();
    try {
      greets(server.port());
    } finally {
      server.close();
    }
  }

  @Test
  void startingTwiceIsAnError() throws Exception {
    Pop3Server server = builder(0).build();
    server.start();
    try {
      assertThrows(IllegalStateException.class, server::start);
    } finally {
      server.close();
    }
  }

  @Test
  void startOnAPortInUseThrowsNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Pop3Server server = builder(port).build();
      IOException e = assertThrows(IOException.class, server::start);
      // The builder was given InetAddress.getLoopbackAddress(), which is called "localhost".
      assertTrue(e.getMessage().contains("localhost:" + port), "message names the address: " + e);
      assertTrue(e.getMessage().contains("in use"), "and says why: " + e);
      assertFalse(server.isRunning());
      server.close();
    }
  }

  @Test
  void aFailedStartLeavesNoAddressBound() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    try (ServerSocket taken = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Pop3Server server =
          builder(free)
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()))
              .build();
      assertThrows(IOException.class, server::start);
      assertFalse(server.isRunning());
    }
    // The first listener was bound before the second failed; it must have been released.
    try (ServerSocket again = new ServerSocket(free, 10, InetAddress.getLoopbackAddress())) {
      assertEquals(free, again.getLocalPort());
    }
  }

  @Test
  void theHostsExecutorRunsSessionsAndIsNotShutDown() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    ExecutorService host =
        Executors.newCachedThreadPool(
            r ->
                new Thread(
                    () -> {
                      threads.add(Thread.currentThread().getName());
                      r.run();
                    },
                    "host-pool"));
    try {
      Pop3Server server = builder(0).executor(host).build();
      server.start();
      greets(server.port());
      // Only the server has used the pool so far, so a thread there means a session ran on it.
      assertEquals(List.of("host-pool"), threads, "the session ran on the host's thread");
      server.close();
      assertFalse(host.isShutdown(), "close() must not shut down the host's executor");
      assertEquals("ok", host.submit(() -> "ok").get(5, TimeUnit.SECONDS));
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void closeEndsIdleSessionsWithoutDeletingAnything() throws Exception {
    try (TestServer server = TestServer.start(b -> b.shutdownGrace(Duration.ofSeconds(5)))) {
      server.store.deliver("alice", "Subject: x\n\nbody\n".getBytes(UTF_8));
      RawClient c = RawClient.login(server.port(), "alice", "secret");
      assertEquals("+OK Marked to be deleted.", c.command("DELE 1"));
      long started = System.nanoTime();
      server.close();
      assertTrue(
          System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3),
          "an idle session does not hold close() for the grace period");
      assertEquals("-ERR Server shutting down.", c.readLine());
      assertTrue(c.closedByServer());
      c.close();
      assertEquals(EndReason.SERVER_SHUTDOWN, server.awaitEnd().reason());
      assertEquals(1, server.store.messages("alice").size());
      assertEquals(0, server.server.activeSessions());
    }
  }

  @Test
  void closeRightAfterAReplyStillEndsTheSessionAtOnce() throws Exception {
    // The client has its reply before the session thread waits for the next command; close()
    // in that gap must still end the session at once, not after the grace period.
    for (int i = 0; i < 20; i++) {
      try (TestServer server = TestServer.start(b -> b.shutdownGrace(Duration.ofSeconds(5)))) {
        RawClient c = RawClient.login(server.port(), "alice", "secret");
        c.send("NOOP");
        assertEquals("+OK", c.readLine());
        long started = System.nanoTime();
        server.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 3000, "close() took " + millis + " ms in round " + i);
        assertEquals("-ERR Server shutting down.", c.readLine());
        c.close();
      }
    }
  }

  @Test
  void theBuilderNeedsAStoreAndAnAuthenticator() {
    IllegalStateException noStore =
        assertThrows(
            IllegalStateException.class,
            () -> Pop3Server.builder().authenticator(new MemoryAuthenticator()).build());
    assertTrue(noStore.getMessage().contains("mail store"), noStore.getMessage());
    IllegalStateException noAuth =
        assertThrows(
            IllegalStateException.class,
            () -> Pop3Server.builder().mailStore(new MemoryMailStore()).build());
    assertTrue(noAuth.getMessage().contains("authenticator"), noAuth.getMessage());
  }

  @Test
  void providersCanBeChosenByNameWithSettings() throws Exception {
    Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator("memory")
            .setting("memory.users", "alice:secret,bob:pw")
            .mailStore("memory")
            .authFailureDelay(Duration.ZERO)
            .build();
    server.start();
    try (RawClient c = RawClient.login(server.port(), "bob", "pw")) {
      assertEquals("+OK 0 0", c.command("STAT"));
    } finally {
      server.close();
    }
  }

  @Test
  void anUnknownProviderNameFailsTheBuildListingTheNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pop3Server.builder().authenticator("memory").mailStore("nosuch").build());
    assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
    assertTrue(e.getMessage().contains("memory"), e.getMessage());
  }
}
