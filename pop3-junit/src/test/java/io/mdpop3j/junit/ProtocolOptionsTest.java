package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.commons.net.pop3.POP3Client;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** APOP, capabilities turned off, and the failed-login delay. */
class ProtocolOptionsTest {

  private static List<String> capa(int port) throws Exception {
    try (RawClient client = RawClient.connect(port)) {
      client.readLine();
      client.expectOk(client.command("CAPA"));
      return client.readBody();
    }
  }

  @Nested
  class Apop {
    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "tanstaaf").withApop();

    @Test
    void commonsNetLogsInWithApopAndTheDigestIsHidden() throws Exception {
      POP3Client client = new POP3Client();
      client.setDefaultTimeout(10_000);
      client.connect(pop3.host(), pop3.port());
      String greeting = client.getReplyString();
      String timestamp = greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
      assertTrue(client.login("alice", timestamp, "tanstaaf"), client.getReplyString());
      client.logout();
      client.disconnect();

      RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
      assertEquals("APOP alice <hidden>", session.commands().get(0));
    }

    @Test
    void jakartaMailUsesApopWhenToldTo() throws Exception {
      Properties props = pop3.mailProperties();
      assertEquals("true", props.getProperty("mail.pop3.apop.enable"));
      Store store = Session.getInstance(props).getStore("pop3");
      store.connect("alice", "tanstaaf");
      store.close();

      RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
      assertTrue(session.commands().contains("APOP alice <hidden>"), session.commands().toString());
    }
  }

  @Nested
  class WithoutUidl {
    @RegisterExtension
    Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withoutCapability("uidl");

    @Test
    void uidlLeavesCapaAndIsRefused() throws Exception {
      assertFalse(capa(pop3.port()).contains("UIDL"));
      try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
        assertTrue(client.command("UIDL").startsWith("-ERR"));
      }
    }

    @Test
    void jakartaMailStillReadsMailButHasNoUids() throws Exception {
      pop3.deliver("alice", TestMessages.text("no uidl", "x"));
      Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
      store.connect("alice", "secret");
      POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      String subject = inbox.getMessage(1).getSubject();
      String uid = inbox.getUID(inbox.getMessage(1));
      inbox.close(false);
      store.close();

      assertEquals("no uidl", subject);
      assertNull(uid);
    }
  }

  @Nested
  class WithoutTop {
    @RegisterExtension
    Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withoutCapability("TOP");

    @Test
    void jakartaMailFallsBackToRetrForHeaders() throws Exception {
      pop3.deliver("alice", TestMessages.text("no top", "x"));
      Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
      store.connect("alice", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      String subject = inbox.getMessage(1).getSubject();
      inbox.close(false);
      store.close();

      RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
      assertFalse(capa(pop3.port()).contains("TOP"));
      assertEquals("no top", subject);
      assertTrue(session.commands().contains("RETR 1"), session.commands().toString());
      assertTrue(session.commands().stream().noneMatch(c -> c.startsWith("TOP")));
    }
  }

  @Nested
  class WithoutCapaAndSasl {
    @RegisterExtension
    Pop3Extension pop3 =
        Pop3Extension.withUser("alice", "secret")
            .withoutCapability("SASL")
            .withoutCapability("CAPA")
            .withoutCapability("IMPLEMENTATION");

    @Test
    void serverLooksLikePlainRfc1939() throws Exception {
      try (RawClient client = RawClient.connect(pop3.port())) {
        client.readLine();
        assertTrue(client.command("CAPA").startsWith("-ERR"));
        assertTrue(client.command("AUTH PLAIN").startsWith("-ERR"));
        client.expectOk(client.command("USER alice"));
        client.expectOk(client.command("PASS secret"));
      }
    }
  }

  @Test
  void capabilityTheServerCannotDropIsRefusedListingTheAcceptedOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pop3Extension.withUser("a", "b").withoutCapability("PIPELINING"));
    assertTrue(e.getMessage().contains("UIDL"), e.getMessage());
  }

  @Nested
  class FailedLogins {
    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

    @Test
    void failedLoginIsAnsweredWithoutDelayByDefault() throws Exception {
      try (RawClient client = RawClient.connect(pop3.port())) {
        client.readLine();
        client.expectOk(client.command("USER alice"));
        long start = System.nanoTime();
        String reply = client.command("PASS wrong");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reply.startsWith("-ERR [AUTH]"), reply);
        assertTrue(millis < 1000, "took " + millis + " ms");
      }
    }
  }

  @Nested
  class ManyFailedLogins {
    @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

    @Test
    void manyFailedLoginsFromOneAddressDoNotSlowTheNextLoginAsAServerPenaltyWould()
        throws Exception {
      for (int i = 0; i < 8; i++) {
        try (RawClient client = RawClient.connect(pop3.port())) {
          client.readLine();
          client.command("USER alice");
          assertTrue(client.command("PASS wrong").startsWith("-ERR [AUTH]"));
        }
      }
      try (RawClient client = RawClient.connect(pop3.port())) {
        client.readLine();
        client.command("USER alice");
        long start = System.nanoTime();
        assertEquals("+OK Logged in.", client.command("PASS secret"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // With the server's default penalty, five failures past the free three cost seconds.
        assertTrue(millis < 1000, "took " + millis + " ms");
      }
    }
  }

  @Nested
  class SlowFailedLogins {
    @RegisterExtension
    Pop3Extension pop3 =
        Pop3Extension.withUser("alice", "secret").withAuthFailureDelay(Duration.ofMillis(600));

    @Test
    void failedLoginWaitsTheConfiguredDelay() throws Exception {
      try (RawClient client = RawClient.connect(pop3.port())) {
        client.readLine();
        client.expectOk(client.command("USER alice"));
        long start = System.nanoTime();
        client.command("PASS wrong");
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 600);
      }
    }
  }
}
