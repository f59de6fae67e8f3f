package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.wire.WireSize;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How sessions end (commit-on-error on and off, RFC 1939 section 6) and what a {@link
 * SessionListener} is told.
 */
class SessionEndTest {

  private static final byte[] MESSAGE = "Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aDisconnectWithoutQuitDeletesNothingByDefault() throws Exception {
    try (TestServer server = TestServer.start()) {
      server.store.deliver("alice", MESSAGE);
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.command("DELE 1");
        c.command("DELE 2");
      }
      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.DISCONNECTED, end.reason());
      assertEquals(2, end.stats().markedDeleted());
      assertEquals(0, end.stats().removed());
      assertFalse(end.stats().quit());
      assertEquals(2, server.store.messages("alice").size());
    }
  }

  @Test
  void commitOnErrorDeletesTheMarkedMessagesOnDisconnect() throws Exception {
    try (TestServer server = TestServer.start(b -> b.commitOnError(true))) {
      String keep = server.store.deliver("alice", MESSAGE);
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.command("DELE 2");
      }
      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.DISCONNECTED, end.reason());
      assertEquals(1, end.stats().removed());
      assertEquals(1, server.store.messages("alice").size());
      assertEquals(keep, server.store.messages("alice").get(0).uniqueId());
    }
  }

  @Test
  void aRetrCutOffBeforeItsLastOctetDoesNotCountAsRetrieved() throws Exception {
    byte[] big = new byte[8 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    for (int i = 99; i < big.length; i += 100) {
      big[i] = '\n';
    }
    try (TestServer server = TestServer.start(b -> b.commitOnError(true))) {
      server.store.deliver("alice", big);
      RawClient c = RawClient.login(server.port(), "alice", "secret");
      c.expectOk(c.command("RETR 1"));
      c.socket().getInputStream().readNBytes(64 * 1024);

      // The client goes away with most of the message unsent.
      c.socket().setSoLinger(true, 0);
      c.close();

      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.DISCONNECTED, end.reason());
      assertEquals(
          0, end.stats().retrieved(), "a message is retrieved once its last octet is sent");
    }
  }

  @Test
  void commitOnErrorChangesNothingForAQuitWithoutDeletions() throws Exception {
    try (TestServer server = TestServer.start(b -> b.commitOnError(true))) {
      server.store.deliver("alice", MESSAGE);
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.command("DELE 1");
        c.command("RSET");
        assertEquals("+OK Logging out.", c.command("QUIT"));
      }
      assertEquals(EndReason.QUIT, server.awaitEnd().reason());
      assertEquals(1, server.store.messages("alice").size());
    }
  }

  @Test
  void commitOnErrorAppliesWhenTheServerIsClosed() throws Exception {
    try (TestServer server = TestServer.start(b -> b.commitOnError(true))) {
      server.store.deliver("alice", MESSAGE);
      RawClient c = RawClient.login(server.port(), "alice", "secret");
      c.command("DELE 1");
      server.close();
      c.close();
      assertEquals(EndReason.SERVER_SHUTDOWN, server.awaitEnd().reason());
      assertEquals(0, server.store.messages("alice").size());
    }
  }

  @Test
  void theListenerSeesCommandsWithSecretsHiddenAndTheEndReason() throws Exception {
    try (TestServer server = TestServer.start()) {
      server.store.deliver("alice", MESSAGE);
      String plain =
          Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
      try (RawClient c = RawClient.connect(server.port())) {
        c.readLine();
        c.command("USER alice");
        c.command("PASS wrong pass");
        c.command("AUTH PLAIN");
        c.command(plain);
        c.command("RETR 1");
        c.readBody();
        c.command("QUIT");
      }
      TestServer.Ended end = server.awaitEnd();
      assertEquals(
          List.of("USER alice", "PASS <hidden>", "AUTH PLAIN", "<hidden>", "RETR 1", "QUIT"),
          server.commands);
      for (String line : server.commands) {
        assertFalse(line.contains("secret") || line.contains("wrong") || line.contains(plain));
      }
      assertEquals(EndReason.QUIT, end.reason());
      assertEquals("alice", end.session().user().orElseThrow());
      assertTrue(end.session().remoteAddress().orElseThrow().getAddress().isLoopbackAddress());
      assertEquals(1, end.stats().messages());
      assertEquals(1, end.stats().retrieved());
      assertEquals(WireSize.of(MESSAGE), end.stats().bytesRetrieved());
      assertTrue(end.stats().quit());
    }
  }

  @Test
  void theListenerHearsOfASessionEndedByFailedLogins() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxFailedLogins(1))) {
      try (RawClient c = RawClient.connect(server.port())) {
        c.readLine();
        c.command("AUTH PLAIN AGFsaWNlAG5v");
        assertTrue(c.closedByServer());
      }
      assertEquals(EndReason.AUTH_FAILURES, server.awaitEnd().reason());
      assertEquals(List.of("AUTH PLAIN <hidden>"), server.commands);
    }
  }
}
