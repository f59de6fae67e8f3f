package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GreenMail's disabled authentication: any password, users made at first login or delivery. */
class WithoutAuthenticationTest {

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withoutAuthentication().withApop();

  @Test
  void aKnownUserLogsInWithAnyPassword() throws Exception {
    pop3.deliver("alice", TestMessages.text("hi", "x"));
    try (RawClient client = RawClient.login(pop3.port(), "alice", "not the password")) {
      assertTrue(client.command("STAT").startsWith("+OK 1 "));
    }
  }

  @Test
  void anUnknownUserIsCreatedAtTheFirstLogin() throws Exception {
    assertFalse(pop3.hasUser("foo@localhost"));

    Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect("foo@localhost", "whatever");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    int count = inbox.getMessageCount();
    inbox.close(false);
    store.close();

    assertEquals(0, count);
    assertTrue(pop3.hasUser("foo@localhost"));
    assertEquals(List.of(), pop3.mailbox("foo@localhost"));
  }

  @Test
  void authPlainAndApopAcceptAnySecretToo() throws Exception {
    String plain =
        Base64.getEncoder().encodeToString("\0bob\0any".getBytes(StandardCharsets.UTF_8));
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("AUTH PLAIN " + plain));
    }
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("APOP carol 0123456789abcdef0123456789abcdef"));
    }
    pop3.awaitSessions(2, Duration.ofSeconds(10));
    assertTrue(pop3.hasUser("bob") && pop3.hasUser("carol"));
  }

  @Test
  void deliveringToAnUnknownUserCreatesIt() {
    pop3.deliver("dave", TestMessages.text("x", "x"));

    assertTrue(pop3.hasUser("dave"));
    assertEquals(1, pop3.mailbox("dave").size());
  }
}
