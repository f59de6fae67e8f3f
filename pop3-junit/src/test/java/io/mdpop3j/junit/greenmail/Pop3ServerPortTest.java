package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.JakartaMailDelivery;
import io.mdpop3j.junit.MimeMessages;
import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.util.List;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From GreenMail's Pop3ServerTest: what an Angus Mail client sees of a delivered message. */
class Pop3ServerPortTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("test", "pwd").withTls();

  @Test
  void capaOffersUidl() throws Exception {
    POP3Store store = (POP3Store) Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect("test", "pwd");
    try {
      assertTrue(store.capabilities().containsKey("UIDL"), store.capabilities().toString());
    } finally {
      store.close();
    }
  }

  @Test
  void aRetrievedMessageKeepsSubjectAndDotLinesAndHasAUid() throws Exception {
    String body = "first\r\n.\r\nsecond\r\n.third\r\nlast";
    JakartaMailDelivery.deliver(
        pop3, "test", MimeMessages.text("from@localhost", "test@localhost", "retrieve", body));

    POP3Store store = (POP3Store) Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect("test", "pwd");
    try {
      POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message message = inbox.getMessage(1);
      assertEquals("retrieve", message.getSubject());
      assertEquals(body, message.getContent().toString().trim());
      assertNotEquals("UNKNOWN", inbox.getUID(message));
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  void pop3sRetrievesTheMessageOverTls() throws Exception {
    JakartaMailDelivery.deliver(
        pop3, "test", MimeMessages.text("from@localhost", "test@localhost", "secure", "over tls"));

    List<MimeMessage> messages = MimeMessages.retrieve(pop3, "test", "pwd");

    assertEquals(1, messages.size());
    assertEquals("secure", messages.get(0).getSubject());
    assertEquals("over tls", messages.get(0).getContent().toString().trim());
    assertTrue(pop3.awaitSessionEnd(java.time.Duration.ofSeconds(10)).secure());
  }

  @Test
  void aWrongPasswordFailsAndTheRightOneRetrieves() throws Exception {
    pop3.andUser("test", "donotharmanddontrecipricateharm");
    JakartaMailDelivery.deliver(
        pop3, "test", MimeMessages.text("from@localhost", "test@localhost", "pw", "x"));

    assertThrows(
        AuthenticationFailedException.class,
        () -> MimeMessages.retrieve(pop3, "test", "wrongpassword"));
    List<MimeMessage> messages =
        MimeMessages.retrieve(pop3, "test", "donotharmanddontrecipricateharm");

    assertEquals("pw", messages.get(0).getSubject());
  }

  @Test
  void aMultipartMessageKeepsItsTextAndBinaryAttachment() throws Exception {
    byte[] gif = {0, 1, 2};
    JakartaMailDelivery.deliver(
        pop3,
        "test",
        MimeMessages.withAttachment(
            "from@localhost",
            "test@localhost",
            "multipart",
            "text part",
            "testimage_filename",
            "image/gif",
            gif));

    MimeMessage message = MimeMessages.retrieve(pop3, "test", "pwd").get(0);

    MimeMultipart parts = assertInstanceOf(MimeMultipart.class, message.getContent());
    assertEquals(2, parts.getCount());
    assertEquals("text part", parts.getBodyPart(0).getContent());
    try (InputStream in = parts.getBodyPart(1).getInputStream()) {
      assertArrayEquals(gif, in.readAllBytes());
    }
  }
}
