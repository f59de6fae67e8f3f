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

/** Sessions run on virtual threads where Java has them (21+), on platform threads otherwise. */
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
  void byDefaultSessionsRunOnVirtualThreadsWhereTheRuntimeHasThem() throws Exception {
    Thread thread = threadOfOneSession(b -> b);

    assertEquals(JAVA_21, isVirtual(thread), thread.toString());
    assertEquals(JAVA_21, SessionThreads.virtualAvailable());
    assertTrue(thread.getName().startsWith("pop3-session-"), thread.getName());
  }

  @Test
  void platformKeepsPlatformThreadsOnEveryRuntime() throws Exception {
    Thread thread = threadOfOneSession(b -> b.sessionThreads(SessionThreads.PLATFORM));

    assertFalse(isVirtual(thread), thread.toString());
  }

  @Test
  void virtualIsRefusedWhereTheRuntimeHasNone() throws Exception {
    if (JAVA_21) {
      assertTrue(isVirtual(threadOfOneSession(b -> b.sessionThreads(SessionThreads.VIRTUAL))));
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

  private Thread threadOfOneSession(UnaryOperator<Pop3ServerBuilder> customize) throws Exception {
    try (TestServer server = TestServer.start(b -> customize.apply(b).listener(recorder));
        RawClient c = RawClient.login(server.port(), "alice", "secret")) {
      assertEquals("+OK", c.command("NOOP"));
      assertEquals("+OK Logging out.", c.command("QUIT"));
    }
    Thread thread = threads.get("NOOP");
    assertTrue(thread != null, "NOOP was seen: " + threads.keySet());
    return thread;
  }

  private static boolean isVirtual(Thread thread) throws Exception {
    if (!JAVA_21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }
}
