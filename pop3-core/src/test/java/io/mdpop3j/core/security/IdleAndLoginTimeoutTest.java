package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle timeout in every state, and the login timeout for the AUTHORIZATION state. */
@Timeout(60)
class IdleAndLoginTimeoutTest {

  static final String INACTIVITY = "-ERR Disconnected for inactivity.";

  private final MemoryMailStore store = new MemoryMailStore();
  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");

  IdleAndLoginTimeoutTest() {
    store.deliver("alice", "Subject: 1\r\n\r\none\r\n".getBytes(StandardCharsets.US_ASCII));
    store.deliver("alice", "Subject: 2\r\n\r\ntwo\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private Pop3Server start(Pop3ServerBuilder builder) throws Exception {
    Pop3Server server = builder.build();
    server.start();
    return server;
  }

  @Test
  void idleClientAfterLoginIsToldAndDisconnectedAndNothingIsDeleted() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).idleTimeout(Duration.ofSeconds(1)));
        RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      c.expectOk(c.command("DELE 1"));
      long start = System.nanoTime();

      assertEquals(INACTIVITY, c.readLine());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(c.closedByServer());
      assertTrue(millis >= 900 && millis < 5000, "after " + millis + " ms");
    }
    assertEquals(2, store.messages("alice").size());
  }

  @Test
  void idleClientBeforeLoginIsToldAndDisconnected() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).idleTimeout(Duration.ofSeconds(1)));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.expectOk(c.command("USER alice"));

      assertEquals(INACTIVITY, c.readLine());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void idleTimeoutAppliesOverTlsToo() throws Exception {
    try (Pop3Server server =
            start(Servers.withTls(auth, store).idleTimeout(Duration.ofSeconds(1)));
        RawClient c = RawClient.over(Servers.connectTls(server))) {
      c.expectOk(c.readLine());

      assertEquals(INACTIVITY, c.readLine());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void loginTimeoutEndsAnAuthorizationStateThatKeepsTalking() throws Exception {
    try (Pop3Server server =
            start(
                Servers.plain(auth, store)
                    .idleTimeout(Duration.ofSeconds(30))
                    .loginTimeout(Duration.ofMillis(1500)));
        RawClient c = RawClient.connect(server.port())) {
      long start = System.nanoTime();
      c.readLine();
      String reply;
      do {
        Thread.sleep(200);
        reply = c.command("CAPA");
        if (reply.startsWith("+OK")) {
          c.readBody();
        }
      } while (reply.startsWith("+OK") && System.nanoTime() - start < 10_000_000_000L);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(INACTIVITY, reply);
      assertTrue(c.closedByServer());
      assertTrue(millis >= 1300 && millis < 6000, "after " + millis + " ms");
    }
  }

  @Test
  void loginTimeoutNoLongerAppliesAfterLogin() throws Exception {
    try (Pop3Server server =
            start(
                Servers.plain(auth, store)
                    .idleTimeout(Duration.ofSeconds(5))
                    .loginTimeout(Duration.ofMillis(800)));
        RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      long start = System.nanoTime();
      while (System.nanoTime() - start < 2_000_000_000L) {
        c.expectOk(c.command("NOOP"));
        Thread.sleep(200);
      }
      c.expectOk(c.command("QUIT"));
    }
  }

  @Test
  void aLineDribbledOneOctetAtATimeDoesNotPutOffTheIdleTimeout() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).idleTimeout(Duration.ofSeconds(1)));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < 40; i++) {
          c.sendRaw(new byte[] {'N'});
          Thread.sleep(100);
        }
      } catch (java.io.IOException e) {
        // The server has closed the connection.
      }

      assertEquals(INACTIVITY, c.readLine());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 3500, "closed after " + millis + " ms of dribbling");
    }
  }
}
