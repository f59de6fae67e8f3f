package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.wire.WireSize;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Angus Mail's POP3 provider against the extension, one fresh server per test. */
class JakartaMailClientTest {

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").andUser("bob", "pass word");

  private Store connect(String user, String password) throws Exception {
    Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect(user, password);
    return store;
  }

  @Test
  void deletedMessagesAreGoneAfterTheClientQuits() throws Exception {
    List<String> ids = new ArrayList<>();
    ids.add(pop3.deliver("alice", TestMessages.text("one", "first")));
    ids.add(pop3.deliver("alice", TestMessages.text("two", "second")));

    List<String> subjects = new ArrayList<>();
    Store store = connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    for (Message m : inbox.getMessages()) {
      subjects.add(m.getSubject());
      m.getContent();
      m.setFlag(Flags.Flag.DELETED, true);
    }
    inbox.close(true);
    store.close();

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(List.of("one", "two"), subjects);
    assertEquals(EndReason.QUIT, session.endReason());
    assertEquals(List.of(), pop3.mailbox("alice"));
    assertEquals(ids, pop3.retrieved("alice"));
    assertEquals(ids, pop3.deleted("alice"));
  }

  @Test
  void messagesNotDeletedStayInTheMailbox() throws Exception {
    String kept = pop3.deliver("alice", TestMessages.text("keep", "me"));

    Store store = connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    inbox.getMessage(1).getContent();
    inbox.close(false);
    store.close();

    pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(List.of(kept), pop3.mailbox("alice").stream().map(m -> m.uniqueId()).toList());
    assertEquals(List.of(kept), pop3.retrieved("alice"));
    assertEquals(List.of(), pop3.deleted("alice"));
  }

  @Test
  void clientReadsExactlyTheOctetsListAnnouncedForBareLfMessages() throws Exception {
    byte[] bareLf = "Subject: lf\n\nline one\nline two\n".getBytes(StandardCharsets.US_ASCII);
    pop3.deliver("alice", bareLf);
    String list;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      list = client.command("LIST 1");
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    Store store = connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    int bodySize = inbox.getMessage(1).getSize();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    inbox.getMessage(1).writeTo(raw);
    inbox.close(false);
    store.close();

    assertEquals("+OK 1 " + WireSize.of(bareLf), list);
    assertEquals(WireSize.of(bareLf), raw.size());
    // Angus Mail reports the body's size: the LIST size less the header block it fetched.
    assertEquals("line one\r\nline two\r\n".length(), bodySize);
  }

  @Test
  void passwordWithASpaceWorksAndIsHiddenInTheLog() throws Exception {
    pop3.deliver("bob", TestMessages.text("for bob", "hi"));

    Store store = connect("bob", "pass word");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    assertEquals(1, inbox.getMessageCount());
    inbox.close(false);
    store.close();

    pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertTrue(pop3.sessionLog().contains("PASS <hidden>"), pop3.sessionLog().toString());
    assertTrue(
        pop3.sessionLog().stream().noneMatch(line -> line.contains("word")),
        pop3.sessionLog().toString());
  }

  @Test
  void mailboxShowsTheStoredBytesOfUndeliveredMessages() throws Exception {
    byte[] message = TestMessages.text("bytes", "caf\u00e9").getBytes(StandardCharsets.UTF_8);
    pop3.deliver("alice", message);

    List<MailboxMessage> box = pop3.mailbox("alice");

    assertEquals(1, box.size());
    assertArrayEquals(message, box.get(0).content());
    assertTrue(box.get(0).text().contains("caf\u00e9"));
  }
}
