package io.mdpop3j.core.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Pop3Server#awaitNoActiveSessions}: an embedder's wait for its clients' sessions. */
class AwaitNoActiveSessionsTest {
  @Test
  void returnsTrueAtOnceWhenNoSessionIsOpen() throws Exception {
    try (TestServer server = TestServer.start()) {
      assertTrue(server.server.awaitNoActiveSessions(Duration.ZERO));
    }
  }

  @Test
  void returnsFalseAfterTheTimeoutWhileASessionStaysOpen() throws Exception {
    try (TestServer server = TestServer.start();
        RawClient client = RawClient.login(server.port(), "alice", "secret")) {
      long started = System.nanoTime();

      boolean none = server.server.awaitNoActiveSessions(Duration.ofMillis(200));

      assertFalse(none);
      assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200));
      assertEquals(1, server.server.activeSessions());
    }
  }

  @Test
  void returnsAsSoonAsTheLastSessionHasUpdatedTheMailbox() throws Exception {
    try (TestServer server = TestServer.start()) {
      server.store.deliver("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(UTF_8));
      RawClient first = RawClient.login(server.port(), "alice", "secret");
      RawClient second = RawClient.connect(server.port());
      second.readLine();
      first.expectOk(first.command("DELE 1"));
      first.send("QUIT");
      second.send("QUIT");
      long started = System.nanoTime();

      boolean none = server.server.awaitNoActiveSessions(Duration.ofSeconds(30));

      assertTrue(none);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(millis < 5000, "woken when the last session ended, not at the timeout: " + millis);
      assertEquals(0, server.server.activeSessions());
      assertEquals(0, server.store.messages("alice").size(), "QUIT's deletion is done by then");
      first.close();
      second.close();
    }
  }
}
