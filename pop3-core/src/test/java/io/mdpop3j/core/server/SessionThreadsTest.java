package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * New sessions run on platform threads and woken ones on virtual threads where Java has them (21+),
 * unless the builder says otherwise.
 */
class SessionThreadsTest {
  private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

  /** The thread each command ran on, by command. */
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();

  private final SessionListener recorder =
      new SessionListener() {
        @Override
        public void commandReceived(Session session, String redactedLine) {
          threads.put(redactedLine, Thread.currentThread());
        }
      };

  @Test
  void byDefaultNewSessionsRunOnPlatformThreadsAndWokenOnesOnVirtualWhereJavaHasThem()
      throws Exception {
    Thread[] threads = threadsOfOneSession(b -> b);

    assertFalse(isVirtual(threads[0]), "a new session: " + threads[0]);
    assertEquals(JAVA_21, isVirtual(threads[1]), "after a wake: " + threads[1]);
    assertEquals(JAVA_21, SessionThreads.virtualAvailable());
    assertTrue(threads[0].getName().startsWith("pop3-session-"), threads[0].getName());
    assertTrue(threads[1].getName().startsWith("pop3-session-"), threads[1].getName());
  }

  @Test
  void platformKeepsPlatformThreadsOnEveryRuntime() throws Exception {
    Thread[] threads = threadsOfOneSession(b -> b.sessionThreads(SessionThreads.PLATFORM));

    assertFalse(isVirtual(threads[0]), threads[0].toString());
    assertFalse(isVirtual(threads[1]), threads[1].toString());
  }

  @Test
  void virtualRunsEverySessionOnVirtualThreadsOrIsRefusedWhereJavaHasNone() throws Exception {
    if (JAVA_21) {
      Thread[] threads = threadsOfOneSession(b -> b.sessionThreads(SessionThreads.VIRTUAL));
      assertTrue(isVirtual(threads[0]), threads[0].toString());
      assertTrue(isVirtual(threads[1]), threads[1].toString());
    } else {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> Pop3Server.builder().sessionThreads(SessionThreads.VIRTUAL));
      assertTrue(e.getMessage().contains("Java 21"), e.getMessage());
    }
  }

  @Test
  void parkedSessionsWakeOnTheServersOwnThreadsOfEitherKind() throws Exception {
    for (SessionThreads kind : List.of(SessionThreads.AUTO, SessionThreads.PLATFORM)) {
      byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
      try (TestServer server =
          TestServer.start(b -> b.sessionThreads(kind).idleThreadRelease(Duration.ZERO))) {
        List<RawClient> clients = new ArrayList<>();
        try {
          for (int i = 0; i < 20; i++) {
            server.auth.addUser("user" + i, "pw" + i);
            server.store.deliver("user" + i, message);
            clients.add(RawClient.login(server.port(), "user" + i, "pw" + i));
          }
          Thread.sleep(100);
          for (RawClient c : clients) {
            assertEquals("+OK 1 " + message.length, c.command("STAT"), kind.toString());
            assertEquals("+OK Logging out.", c.command("QUIT"));
          }
        } finally {
          for (RawClient c : clients) {
            c.close();
          }
        }
        for (int i = 0; i < 20; i++) {
          assertEquals(EndReason.QUIT, server.awaitEnd().reason());
        }
      }
    }
  }

  /** The threads of a NOOP in a new session and of a STAT after the session parked. */
  private Thread[] threadsOfOneSession(UnaryOperator<Pop3ServerBuilder> customize)
      throws Exception {
    try (TestServer server =
            TestServer.start(
                // A grace of 1 s, not zero: a zero grace parks between the login's own commands
                // whenever the client's round trip passes a millisecond (a loaded machine).
                b ->
                    customize
                        .apply(b)
                        .idleThreadRelease(Duration.ofSeconds(1))
                        .listener(recorder));
        RawClient c = RawClient.login(server.port(), "alice", "secret")) {
      assertEquals("+OK", c.command("NOOP"));
      Thread.sleep(1600); // the grace passes and the session parks
      assertTrue(c.command("STAT").startsWith("+OK 0 "));
      assertEquals("+OK Logging out.", c.command("QUIT"));
    }
    Thread noop = threads.get("NOOP");
    Thread stat = threads.get("STAT");
    assertTrue(noop != null && stat != null, "both seen: " + threads.keySet());
    return new Thread[] {noop, stat};
  }

  private static boolean isVirtual(Thread thread) throws Exception {
    if (!JAVA_21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }
}
