package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.pop3.POP3Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults a test can inject to exercise a client's error handling. */
class FaultInjectionTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @Test
  void failedDeletionAtQuitKeepsTheMessagesAndRepliesSysTemp() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("stuck", "x"));
    pop3.failNextDeletion();

    String quit;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      client.expectOk(client.command("DELE 1"));
      quit = client.command("QUIT");
    }

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertTrue(quit.startsWith("-ERR [SYS/TEMP]"), quit);
    assertEquals(List.of(id), session.notRemoved());
    assertEquals(List.of(), pop3.deleted("alice"));
    assertEquals(id, pop3.mailbox("alice").get(0).uniqueId());
  }

  @Test
  void deletionWorksAgainAfterTheInjectedFailure() throws Exception {
    pop3.deliver("alice", TestMessages.text("stuck", "x"));
    pop3.failNextDeletion();
    for (int i = 0; i < 2; i++) {
      try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
        client.expectOk(client.command("DELE 1"));
        client.command("QUIT");
      }
      pop3.awaitSessionEnd(Duration.ofSeconds(10));
    }

    assertTrue(pop3.mailbox("alice").isEmpty());
  }

  @Test
  void nextLoginFailsTemporarilyOnceWithRightCredentials() throws Exception {
    pop3.failNextLogin();

    String first;
    String second;
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("USER alice"));
      first = client.command("PASS secret");
      client.expectOk(client.command("USER alice"));
      second = client.command("PASS secret");
    }

    assertTrue(first.startsWith("-ERR [SYS/TEMP]"), first);
    assertTrue(second.startsWith("+OK"), second);
  }

  @Test
  void commonsNetLoginReportsTheTemporaryFailure() throws Exception {
    pop3.failNextLogin();
    POP3Client client = new POP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(pop3.host(), pop3.port());
    try {
      assertTrue(!client.login("alice", "secret"));
      assertTrue(client.getReplyString().contains("[SYS/TEMP]"), client.getReplyString());
    } finally {
      client.disconnect();
    }
  }

  @Test
  void delayedRetrievalTripsTheClientsReadTimeout() throws Exception {
    pop3.deliver("alice", TestMessages.text("slow", "x"));
    pop3.delayRetrievals(Duration.ofMillis(1500));

    POP3Client client = new POP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(pop3.host(), pop3.port());
    client.login("alice", "secret");
    client.setSoTimeout(300);
    try {
      assertThrows(SocketTimeoutException.class, () -> client.retrieveMessage(1));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void delayedLoginIsFeltByTheClient() throws Exception {
    pop3.delayLogins(Duration.ofMillis(400));
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("USER alice"));
      long start = System.nanoTime();
      client.expectOk(client.command("PASS secret"));
      assertTrue((System.nanoTime() - start) / 1_000_000 >= 400);
    }
  }
}
