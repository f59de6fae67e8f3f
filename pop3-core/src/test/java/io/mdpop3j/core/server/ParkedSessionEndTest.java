package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session that gave its thread back ends exactly as one waiting on its thread does: timeouts,
 * server close, the client leaving, and an executor that will not run it again.
 */
class ParkedSessionEndTest {

  private static final byte[] MESSAGE =
      "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aParkedSessionPastTheIdleTimeoutIsToldAndClosed() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(
                b ->
                    b.executor(pool)
                        .idleThreadRelease(Duration.ZERO)
                        .idleTimeout(Duration.ofMillis(800)))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        long idleSince = System.nanoTime();
        pool.awaitAllParked();

        assertEquals("-ERR Disconnected for inactivity.", c.readLine());
        long waited = (System.nanoTime() - idleSince) / 1_000_000;
        assertTrue(waited >= 700 && waited < 3000, "ended after " + waited + " ms");
        assertTrue(c.closedByServer());
      }
      assertEquals(EndReason.IDLE_TIMEOUT, server.awaitEnd().reason());
      awaitNoSessions(server);
    }
  }

  @Test
  void aParkedSessionPastTheLoginTimeoutIsToldAndClosed() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(
                b ->
                    b.executor(pool)
                        .idleThreadRelease(Duration.ZERO)
                        .loginTimeout(Duration.ofMillis(800)))) {
      try (RawClient c = RawClient.connect(server.port())) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("USER alice"));
        pool.awaitAllParked();

        assertEquals("-ERR Disconnected for inactivity.", c.readLine());
        assertTrue(c.closedByServer());
      }
      assertEquals(EndReason.IDLE_TIMEOUT, server.awaitEnd().reason());
    }
  }

  @Test
  void closeEndsEveryParkedSessionAtOnceWithoutDeleting() throws Exception {
    try (BoundedPool pool = new BoundedPool(2);
        TestServer server =
            TestServer.start(
                b ->
                    b.executor(pool)
                        .idleThreadRelease(Duration.ZERO)
                        .shutdownGrace(Duration.ofSeconds(10)))) {
      List<RawClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          server.auth.addUser("user" + i, "pw");
          server.store.deliver("user" + i, MESSAGE);
          RawClient c = RawClient.login(server.port(), "user" + i, "pw");
          c.expectOk(c.command("DELE 1"));
          clients.add(c);
        }
        pool.awaitAllParked();

        long start = System.nanoTime();
        server.close();
        long took = (System.nanoTime() - start) / 1_000_000;

        assertTrue(took < 5000, "close took " + took + " ms, not cut short by the grace");
        for (RawClient c : clients) {
          assertEquals("-ERR Server shutting down.", c.readLine());
          assertTrue(c.closedByServer());
        }
      } finally {
        for (RawClient c : clients) {
          c.close();
        }
      }
      for (int i = 0; i < 10; i++) {
        assertEquals(EndReason.SERVER_SHUTDOWN, server.awaitEnd().reason());
        assertEquals(1, server.store.messages("user" + i).size());
      }
      awaitNoSessions(server);
    }
  }

  @Test
  void closeEndsParkedSessionsTheExecutorWillNotRunAgain() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        pool.awaitAllParked();
        pool.refuse();

        server.close();

        assertEquals("-ERR Server shutting down.", c.readLine());
        assertTrue(c.closedByServer());
      }
      assertEquals(EndReason.SERVER_SHUTDOWN, server.awaitEnd().reason());
      awaitNoSessions(server);
    }
  }

  @Test
  void aClientLeavingWhileParkedEndsTheSessionAndFreesTheMailbox() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.expectOk(c.command("DELE 1"));
        pool.awaitAllParked();
      }

      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.DISCONNECTED, end.reason());
      assertEquals(1, end.stats().markedDeleted());
      assertEquals(0, end.stats().removed());
      assertEquals(1, server.store.messages("alice").size());
      try (RawClient again = RawClient.login(server.port(), "alice", "secret")) {
        assertEquals("+OK 1 " + MESSAGE.length, again.command("STAT"));
      }
    }
  }

  @Test
  void anExecutorRefusingAWakeEndsTheSessionCleanly() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.expectOk(c.command("DELE 1"));
        pool.awaitAllParked();
        pool.refuse();

        c.send("NOOP");

        assertEquals("-ERR [SYS/TEMP] Server busy, try again later.", c.readLine());
        assertTrue(c.closedByServer());
      }
      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.ERROR, end.reason());
      assertFalse(end.stats().quit());
      assertEquals(1, server.store.messages("alice").size());
      awaitNoSessions(server);
    }
  }

  @Test
  void forceCloseEndsASessionParkedPastTheShutdownGrace() throws Exception {
    // A session busy past the grace is force-closed; a parked one must not hang close() either,
    // even when its executor has gone away.
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(
                b ->
                    b.executor(pool)
                        .idleThreadRelease(Duration.ZERO)
                        .shutdownGrace(Duration.ZERO))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        pool.awaitAllParked();
        pool.refuse();

        long start = System.nanoTime();
        server.close();

        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        assertTrue(c.closedByServer() || c.readLine() != null);
      }
      assertEquals(EndReason.SERVER_SHUTDOWN, server.awaitEnd().reason());
      awaitNoSessions(server);
    }
  }

  /** Session counts are released just after the listener hears of the end; waits up to 5 s. */
  private static void awaitNoSessions(TestServer server) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (server.server.activeSessions() != 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(server.server.activeSessions() + " sessions still counted");
      }
      Thread.sleep(5);
    }
  }
}
