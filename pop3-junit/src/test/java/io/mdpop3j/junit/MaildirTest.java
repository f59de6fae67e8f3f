package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code withMaildir()}: real Maildirs in a temporary folder, served by pop3-maildir's store. */
@EnabledWithMaildirStore
class MaildirTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withMaildir();

  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void maildirExistsForEveryUserAtStart() {
    Path maildir = pop3.maildir("alice");
    assertTrue(Files.isDirectory(maildir.resolve("cur")));
    assertTrue(Files.isDirectory(maildir.resolve("new")));
    assertTrue(Files.isDirectory(maildir.resolve("tmp")));
    assertEquals("Maildir", maildir.getFileName().toString());
  }

  @Test
  void deliveredMessageIsAFileInNewNamedByItsUniqueId() throws Exception {
    byte[] message =
        TestMessages.text("on disk", "x").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    String id = pop3.deliver("alice", message);

    Path file = pop3.maildir("alice").resolve("new").resolve(id);
    assertTrue(Files.isRegularFile(file), file.toString());
    org.junit.jupiter.api.Assertions.assertArrayEquals(message, Files.readAllBytes(file));
    assertEquals(List.of(), files(pop3.maildir("alice").resolve("tmp")));
    assertEquals(
        List.of(id), pop3.mailbox("alice").stream().map(MailboxMessage::uniqueId).toList());
  }

  @Test
  void drainingWithJakartaMailLeavesTheMaildirEmpty() throws Exception {
    List<String> ids =
        List.of(
            pop3.deliver("alice", TestMessages.text("one", "1")),
            pop3.deliver("alice", TestMessages.text("two", "2")));

    Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    for (Message m : inbox.getMessages()) {
      m.getContent();
      m.setFlag(Flags.Flag.DELETED, true);
    }
    inbox.close(true);
    store.close();
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    assertEquals(ids, pop3.retrieved("alice"));
    assertEquals(ids, pop3.deleted("alice"));
    assertEquals(List.of(), files(pop3.maildir("alice").resolve("new")));
    assertEquals(List.of(), files(pop3.maildir("alice").resolve("cur")));
  }

  @Test
  void retrievedButKeptMessageMovesToCurMarkedSeen() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("keep", "x"));

    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      client.expectOk(client.command("RETR 1"));
      client.readBody();
      client.expectOk(client.command("QUIT"));
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    assertEquals(List.of(), files(pop3.maildir("alice").resolve("new")));
    assertEquals(List.of(id + ":2,S"), files(pop3.maildir("alice").resolve("cur")));
    assertEquals(id, pop3.mailbox("alice").get(0).uniqueId());
  }

  @Test
  void failedDeletionLeavesTheFileOnDisk() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("stuck", "x"));
    pop3.failNextDeletion();

    String quit;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      client.expectOk(client.command("DELE 1"));
      quit = client.command("QUIT");
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    assertTrue(quit.startsWith("-ERR [SYS/TEMP]"), quit);
    assertEquals(
        List.of(id), pop3.mailbox("alice").stream().map(MailboxMessage::uniqueId).toList());
  }

  @Test
  void inspectingAMailboxThatASessionHoldsNeitherFailsNorDisturbsTheSession() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("busy", "x"));
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {

      List<MailboxMessage> seen = pop3.mailbox("alice");

      assertEquals(List.of(id), seen.stream().map(MailboxMessage::uniqueId).toList());
      assertTrue(client.command("STAT").startsWith("+OK 1 "));
      client.expectOk(client.command("DELE 1"));
      client.expectOk(client.command("QUIT"));
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(List.of(), pop3.mailbox("alice"));
  }

  @Nested
  class WithoutMoveNew {
    @RegisterExtension
    Pop3Extension kept =
        Pop3Extension.withUser("bob", "pw").withMaildirSetting("move-new", "false");

    @Test
    void retrievedMessageStaysInNew() throws Exception {
      String id = kept.deliver("bob", TestMessages.text("stay", "x"));
      try (RawClient client = RawClient.login(kept.port(), "bob", "pw")) {
        client.expectOk(client.command("RETR 1"));
        client.readBody();
        client.expectOk(client.command("QUIT"));
      }
      kept.awaitSessionEnd(Duration.ofSeconds(10));

      assertEquals(List.of(id), files(kept.maildir("bob").resolve("new")));
    }
  }

  @Test
  void unknownMaildirSettingFailsAtStartNamingTheFullKey() {
    Pop3Extension bad = Pop3Extension.withUser("a", "b").withMaildirSetting("no-such", "x");
    RuntimeException e = assertThrows(RuntimeException.class, () -> bad.beforeEach(null));
    assertTrue(e.getMessage().contains("maildir.no-such"), e.getMessage());
  }
}
