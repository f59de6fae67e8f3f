package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages as MimeMessage: built, delivered as a transport sends them, read back. */
class MimeMessagesTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @Test
  void aTextMessageHasItsHeadersAndAsciiBody() throws Exception {
    MimeMessage m = MimeMessages.text("bob@example.org", "alice@example.org", "hi", "hello");
    JakartaMailDelivery.deliver(pop3, "alice", m);

    MimeMessage stored = MimeMessages.inMailbox(pop3, "alice").get(0);

    assertEquals("hi", stored.getSubject());
    assertEquals("bob@example.org", stored.getFrom()[0].toString());
    assertEquals("text/plain; charset=us-ascii", stored.getContentType());
    assertEquals("hello", stored.getContent());
    assertTrue(stored.getSentDate() != null);
  }

  @Test
  void nonAsciiTextIsSentAsUtf8() throws Exception {
    JakartaMailDelivery.deliver(
        pop3, "alice", MimeMessages.text("b@example.org", "a@example.org", "Grüße", "café ☕"));

    MimeMessage stored = MimeMessages.inMailbox(pop3, "alice").get(0);

    assertEquals("Grüße", stored.getSubject());
    assertEquals("text/plain; charset=UTF-8", stored.getContentType());
    assertEquals("café ☕", stored.getContent());
  }

  @Test
  void anAttachmentComesBackOverPop3ByteForByte() throws Exception {
    byte[] gif = {0, 1, 2};
    JakartaMailDelivery.deliver(
        pop3,
        "alice",
        MimeMessages.withAttachment(
            "b@example.org", "a@example.org", "pic", "see attached", "x.gif", "image/gif", gif));

    MimeMessage fetched = MimeMessages.retrieve(pop3, "alice", "secret").get(0);

    MimeMultipart parts = (MimeMultipart) fetched.getContent();
    assertEquals(2, parts.getCount());
    assertEquals("see attached", parts.getBodyPart(0).getContent());
    BodyPart file = parts.getBodyPart(1);
    assertEquals("x.gif", file.getFileName());
    assertTrue(file.getContentType().startsWith("image/gif"), file.getContentType());
    try (InputStream in = file.getInputStream()) {
      assertArrayEquals(gif, in.readAllBytes());
    }
  }

  @Test
  void retrieveWithAWrongPasswordFailsAsAClientWould() {
    assertThrows(
        AuthenticationFailedException.class, () -> MimeMessages.retrieve(pop3, "alice", "nope"));
  }

  @Test
  void retrieveLeavesTheMessagesInTheMailbox() throws Exception {
    pop3.deliver("alice", TestMessages.text("stays", "x"));

    List<MimeMessage> fetched = MimeMessages.retrieve(pop3, "alice", "secret");

    assertEquals("stays", fetched.get(0).getSubject());
    pop3.awaitSessionEnd(java.time.Duration.ofSeconds(10));
    assertEquals(1, pop3.mailbox("alice").size());
  }

  @Test
  void parseReadsAMessageWrittenAsText() throws Exception {
    MimeMessage m = MimeMessages.parse("Subject: s\r\nFrom: f@example.org\r\n\r\nbody\r\n");

    assertEquals("s", m.getSubject());
    assertEquals("body\r\n", m.getContent());
  }

  @Test
  void deliveryLeavesOutBccAsATransportWould() throws Exception {
    MimeMessage m = MimeMessages.text("b@example.org", "alice@example.org", "secret list", "x");
    m.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@example.org"));

    JakartaMailDelivery.deliver(pop3, "alice", m);

    MailboxMessage stored = pop3.mailbox("alice").get(0);
    assertFalse(stored.text().contains("hidden@example.org"), stored.text());
    assertNull(MimeMessages.of(stored).getRecipients(Message.RecipientType.BCC));
    assertEquals(1, m.getRecipients(Message.RecipientType.BCC).length, "the object keeps it");
    assertTrue(
        new String(stored.content(), StandardCharsets.US_ASCII).contains("Message-ID: <"),
        "changes saved as Transport.send saves them");
  }
}
