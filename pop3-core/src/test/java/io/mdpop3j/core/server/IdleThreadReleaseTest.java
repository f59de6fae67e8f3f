package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Idle sessions give their thread back and carry on where they were when their client sends more:
 * proven with a host executor of fewer threads than sessions.
 */
class IdleThreadReleaseTest {

  private static final byte[] MESSAGE =
      "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void fiftyIdleSessionsLiveOnTwoThreadsAndEachStillAnswers() throws Exception {
    try (BoundedPool pool = new BoundedPool(2);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      List<RawClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          server.auth.addUser("user" + i, "pw" + i);
          server.store.deliver("user" + i, MESSAGE);
          clients.add(RawClient.login(server.port(), "user" + i, "pw" + i));
        }
        pool.awaitAllParked();
        assertEquals(50, server.server.activeSessions());

        for (RawClient c : clients) {
          assertEquals("+OK", c.command("NOOP"));
          assertEquals("+OK 1 " + MESSAGE.length, c.command("STAT"));
        }
        for (RawClient c : clients) {
          assertEquals("+OK Logging out.", c.command("QUIT"));
        }
      } finally {
        for (RawClient c : clients) {
          c.close();
        }
      }
      for (int i = 0; i < 50; i++) {
        assertEquals(EndReason.QUIT, server.awaitEnd().reason());
      }
    }
  }

  @Test
  void aHalfLineSentBeforeParkingIsCompletedByTheRest() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.sendRaw("NO".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(100);
        pool.awaitAllParked();

        c.sendRaw("OP\r\n".getBytes(StandardCharsets.US_ASCII));

        assertEquals("+OK", c.readLine());
        assertTrue(server.commands.contains("NOOP"), server.commands.toString());
      }
    }
  }

  @Test
  void commandsPipelinedAfterAWakeAreAnsweredInOrder() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        pool.awaitAllParked();

        c.sendRaw("STAT\r\nNOOP\r\nLIST\r\nUIDL 1\r\n".getBytes(StandardCharsets.US_ASCII));

        assertEquals("+OK 1 " + MESSAGE.length, c.readLine());
        assertEquals("+OK", c.readLine());
        c.expectOk(c.readLine());
        assertEquals(List.of("1 " + MESSAGE.length), c.readBody());
        assertTrue(c.readLine().startsWith("+OK 1 "));
      }
    }
  }

  @Test
  void aLineTooLongIsCaughtAcrossParks() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        byte[] part = new byte[1500];
        Arrays.fill(part, (byte) 'A');
        c.sendRaw(part);
        Thread.sleep(100);
        pool.awaitAllParked();

        c.sendRaw(part);

        assertEquals("-ERR Input line too long.", c.readLine());
        assertTrue(c.closedByServer());
      }
      assertEquals(EndReason.LINE_TOO_LONG, server.awaitEnd().reason());
    }
  }

  @Test
  void aSessionBusierThanTheGraceKeepsItsThread() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ofSeconds(30)))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        assertTrue(pool.staysBusy(1, Duration.ofMillis(300)));
        assertEquals("+OK", c.command("NOOP"));
      }
    }
  }

  @Test
  void aSessionWokenByOneCommandGivesItsThreadBackLongBeforeTheGrace() throws Exception {
    afterFirstPark(
        (pool, c) -> {
          assertEquals("+OK", c.command("NOOP"));
          long answered = System.nanoTime();
          pool.awaitBusy(0, Duration.ofSeconds(10));
          long heldMillis = (System.nanoTime() - answered) / 1_000_000;

          // The whole grace would hold it 3 s; a keep-alive NOOP costs only the short one.
          assertTrue(heldMillis < 1500, "the woken session kept its thread " + heldMillis + " ms");
          assertEquals("+OK", c.command("NOOP"));
        });
  }

  @Test
  void aSessionBusyAgainAfterAWakeHasTheWholeGrace() throws Exception {
    afterFirstPark(
        (pool, c) -> {
          c.sendRaw("NOOP\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
          assertEquals("+OK", c.readLine());
          assertEquals("+OK", c.readLine());

          assertTrue(pool.staysBusy(1, Duration.ofSeconds(1)));
        });
  }

  @Test
  void aSessionWokenSoonAfterItParkedAgainHasTheWholeGrace() throws Exception {
    afterFirstPark(
        (pool, c) -> {
          assertEquals("+OK", c.command("NOOP"));
          pool.awaitBusy(0, Duration.ofSeconds(2));

          // A client whose round trip is longer than the short grace: busy, not idle.
          assertEquals("+OK", c.command("NOOP"));

          assertTrue(pool.staysBusy(1, Duration.ofSeconds(1)));
        });
  }

  @Test
  void withReleaseTurnedOffAnIdleSessionKeepsItsThread() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(
                b -> b.executor(pool).idleThreadRelease(Duration.ZERO).releaseIdleThreads(false))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        assertTrue(pool.staysBusy(1, Duration.ofMillis(300)));
        assertEquals("+OK", c.command("NOOP"));
      }
    }
  }

  @Test
  void theIdleSelectorThreadStartsOnlyWhenASessionFirstParks() throws Exception {
    try (TestServer server = TestServer.start(b -> b.idleThreadRelease(Duration.ofMillis(200)))) {
      try (RawClient c = RawClient.connect(server.port())) {
        c.expectOk(c.readLine());
        assertEquals("+OK Logging out.", c.command("QUIT"));
      }
      assertFalse(idleThreadRuns(), "no session has parked yet");

      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        Thread.sleep(400);
        assertTrue(idleThreadRuns(), "a session idle for longer than the grace has parked");
        assertEquals("+OK", c.command("NOOP"));
      }
    }
  }

  @Test
  void retrAfterAWakeSendsTheWholeMessage() throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ZERO))) {
      byte[] big = new byte[200_000];
      Arrays.fill(big, (byte) 'x');
      for (int i = 99; i < big.length; i += 100) {
        big[i] = '\n';
      }
      server.store.deliver("alice", big);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        for (int round = 0; round < 2; round++) {
          pool.awaitAllParked();
          c.expectOk(c.command("RETR 1"));
          assertEquals(2000, c.readBody().size());
        }
      }
    }
  }

  @Test
  void sessionsWakingWhileDeadlinesAreCheckedRunOnceEach() throws Exception {
    // A short timeout makes the selector look at every parked session each 100 ms, so that
    // wakes for input keep meeting those checks; a session resumed twice would fail or misreply.
    try (BoundedPool pool = new BoundedPool(4);
        TestServer server =
            TestServer.start(
                b ->
                    b.executor(pool)
                        .idleThreadRelease(Duration.ZERO)
                        .writeTimeout(Duration.ofMillis(400)))) {
      List<RawClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          clients.add(RawClient.connect(server.port()));
          clients.get(i).expectOk(clients.get(i).readLine());
        }
        for (int round = 0; round < 100; round++) {
          for (RawClient c : clients) {
            c.send("CAPA");
          }
          for (RawClient c : clients) {
            c.expectOk(c.readLine());
            c.readBody();
          }
        }
      } finally {
        for (RawClient c : clients) {
          c.close();
        }
      }
      for (int i = 0; i < 40; i++) {
        assertEquals(EndReason.DISCONNECTED, server.awaitEnd().reason());
      }
    }
  }

  @Test
  void aNegativeGraceIsRefusedNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pop3Server.builder().idleThreadRelease(Duration.ofMillis(-1)));
    assertTrue(e.getMessage().contains("idleThreadRelease"), e.getMessage());
  }

  /** What a test does with a session that has parked once, under a 3 s grace. */
  private interface ParkedSession {
    void run(BoundedPool pool, RawClient client) throws Exception;
  }

  /** Logs alice in with a 3 s grace and one session thread, waits until she parks, then runs. */
  private static void afterFirstPark(ParkedSession test) throws Exception {
    try (BoundedPool pool = new BoundedPool(1);
        TestServer server =
            TestServer.start(b -> b.executor(pool).idleThreadRelease(Duration.ofSeconds(3)))) {
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        pool.awaitBusy(0, Duration.ofSeconds(10));
        test.run(pool, c);
      }
    }
  }

  private static boolean idleThreadRuns() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("pop3-idle-") && t.isAlive());
  }
}
