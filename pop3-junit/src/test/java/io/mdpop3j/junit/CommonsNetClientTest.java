package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.EndReason;
import java.io.BufferedReader;
import java.io.Reader;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** commons-net's POP3Client against the extension. */
class CommonsNetClientTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  private POP3Client login() throws Exception {
    POP3Client client = new POP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(pop3.host(), pop3.port());
    assertTrue(client.login("alice", "secret"), client.getReplyString());
    return client;
  }

  @Test
  void listRetrieveDeleteAndQuitEmptyTheMailbox() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("hello", "body"));

    POP3Client client = login();
    POP3MessageInfo[] list = client.listMessages();
    String text;
    try (Reader r = client.retrieveMessage(1)) {
      text = new BufferedReader(r).lines().collect(Collectors.joining("\n"));
    }
    assertTrue(client.deleteMessage(1));
    assertTrue(client.logout());
    client.disconnect();

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(1, list.length);
    assertEquals(TestMessages.text("hello", "body").length(), list[0].size);
    assertTrue(text.contains("Subject: hello"));
    assertEquals(EndReason.QUIT, session.endReason());
    assertEquals(
        List.of("USER alice", "PASS <hidden>", "LIST", "RETR 1", "DELE 1", "QUIT"),
        session.commands());
    assertEquals(List.of(id), session.retrieved());
    assertEquals(List.of(id), pop3.deleted("alice"));
    assertTrue(pop3.mailbox("alice").isEmpty());
  }

  @Test
  void disconnectWithoutQuitDeletesNothing() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("kept", "body"));

    POP3Client client = login();
    assertTrue(client.deleteMessage(1));
    client.disconnect();

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(EndReason.DISCONNECTED, session.endReason());
    assertEquals(List.of(), pop3.deleted("alice"));
    assertEquals(id, pop3.mailbox("alice").get(0).uniqueId());
  }

  @Test
  void uniqueIdsFromUidlAreTheIdsDeliverReturned() throws Exception {
    String first = pop3.deliver("alice", TestMessages.text("a", "1"));
    String second = pop3.deliver("alice", TestMessages.text("b", "2"));

    POP3Client client = login();
    POP3MessageInfo[] uids = client.listUniqueIdentifiers();
    client.logout();
    client.disconnect();

    assertEquals(List.of(first, second), List.of(uids[0].identifier, uids[1].identifier));
  }

  @Test
  void awaitSessionsCountsEverySessionOfTheTest() throws Exception {
    for (int i = 0; i < 3; i++) {
      POP3Client client = login();
      client.logout();
      client.disconnect();
    }

    List<RecordedSession> sessions = pop3.awaitSessions(3, Duration.ofSeconds(10));

    assertEquals(3, sessions.size());
    assertTrue(sessions.stream().allMatch(s -> s.user().orElseThrow().equals("alice")));
    assertFalse(sessions.stream().anyMatch(RecordedSession::secure));
  }

  @Test
  void awaitSessionEndFailsAfterItsTimeoutWhenNoSessionEnds() throws Exception {
    POP3Client client = login();
    try {
      AssertionError e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AssertionError.class, () -> pop3.awaitSessionEnd(Duration.ofMillis(200)));
      assertTrue(e.getMessage().contains("1 still open"), e.getMessage());
    } finally {
      client.logout();
      client.disconnect();
    }
  }

  @Test
  void saslPlainLoginWorksAndItsResponseIsHidden() throws Exception {
    String response =
        java.util.Base64.getEncoder()
            .encodeToString("\0alice\0secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (io.mdpop3j.core.testing.RawClient client =
        io.mdpop3j.core.testing.RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("AUTH PLAIN " + response));
      client.expectOk(client.command("QUIT"));
    }

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(List.of("AUTH PLAIN <hidden>", "QUIT"), session.commands());
    assertEquals("alice", session.user().orElseThrow());
  }
}
