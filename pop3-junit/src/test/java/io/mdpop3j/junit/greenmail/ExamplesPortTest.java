package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.junit.JakartaMailDelivery;
import io.mdpop3j.junit.MimeMessages;
import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** From GreenMail's examples package: the snippets its users copy, as a POP3 test writes them. */
class ExamplesPortTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("to", "password");

  @Test
  void receiveADeliveredMessageAndABuiltOne() throws Exception {
    JakartaMailDelivery.deliver(
        pop3, "to", MimeMessages.text("from@localhost", "to@localhost", "subject", "body"));
    pop3.deliver("to", "From: from@localhost\r\nSubject: subject\r\n\r\nbody\r\n");

    assertEquals(2, pop3.mailbox("to").size());
  }

  @Test
  void aTextMessageHasTheAsciiContentType() throws Exception {
    JakartaMailDelivery.deliver(
        pop3, "to", MimeMessages.text("from@localhost", "to@localhost", "subject", "content"));

    MimeMessage email = MimeMessages.inMailbox(pop3, "to").get(0);
    assertEquals("subject", email.getSubject());
    assertEquals("text/plain; charset=us-ascii", email.getContentType());
    assertEquals("content", email.getContent());
  }

  @Test
  void aTextAndATwoPartMessageArriveFromAnotherThread() throws Exception {
    Thread sender =
        new Thread(
            () -> {
              try {
                MimeMultipart parts = new MimeMultipart();
                for (String text : List.of("body1", "body2")) {
                  MimeBodyPart part = new MimeBodyPart();
                  part.setContent(text, "text/plain");
                  parts.addBodyPart(part);
                }
                MimeMessage two = MimeMessages.text("from@localhost", "to@localhost", "s__2", "");
                two.setContent(parts);
                JakartaMailDelivery.deliver(
                    pop3, "to", MimeMessages.text("from@localhost", "to@localhost", "s", "b"), two);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();

    pop3.awaitMessages("to", 2, Duration.ofSeconds(5));

    List<MimeMessage> messages = MimeMessages.inMailbox(pop3, "to");
    assertEquals("b", messages.get(0).getContent());
    MimeMultipart mp = (MimeMultipart) messages.get(1).getContent();
    assertEquals(2, mp.getCount());
    assertEquals("body1", mp.getBodyPart(0).getContent());
    assertEquals("body2", mp.getBodyPart(1).getContent());
    sender.join();
  }

  @Test
  void aJakartaMailClientReadsTheMessage() throws Exception {
    JakartaMailDelivery.deliver(
        pop3,
        "to",
        MimeMessages.text(
            "foo@example.com", "bar@example.com", "Email sent to mdpop3j", "Fetch me via POP3"));

    Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
    store.connect("to", "password");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    assertEquals("Email sent to mdpop3j", inbox.getMessage(1).getSubject());
    inbox.close(false);
    store.close();
  }

  @Test
  void anInlineTextPartKeepsItsDisposition() throws Exception {
    MimeBodyPart text = new MimeBodyPart();
    text.setContent("This is some text to be displayed inline", "text/plain");
    text.setDisposition(Part.INLINE);
    MimeMessage m =
        MimeMessages.text("from@localhost", "test@email.com", "Message with inline attachment", "");
    m.setContent(new MimeMultipart(text));
    JakartaMailDelivery.deliver(pop3, "to", m);

    MimeMessage got = MimeMessages.retrieve(pop3, "to", "password").get(0);
    assertTrue(got.getContentType().startsWith("multipart/mixed;"));
    Multipart parts = (Multipart) got.getContent();
    assertEquals(1, parts.getCount());
    BodyPart part = parts.getBodyPart(0);
    assertEquals("text/plain; charset=us-ascii", part.getContentType());
    assertEquals(Part.INLINE, part.getDisposition());
    assertEquals("This is some text to be displayed inline", part.getContent().toString().trim());
  }

  @Test
  void mailSavedAsAnEmlFileIsPreloaded(@TempDir Path dir) throws Exception {
    MimeMessage saved =
        MimeMessages.text("bar@localhost", "foo@localhost", "Hello", "Test message saved as eml");
    Path eml = dir.resolve("preload.eml");
    try (OutputStream out = Files.newOutputStream(eml)) {
      saved.writeTo(out);
    }

    pop3.deliver("to", eml);

    MimeMessage got = MimeMessages.inMailbox(pop3, "to").get(0);
    assertEquals(saved.getSubject(), got.getSubject());
    assertEquals(saved.getContent(), got.getContent());
    assertEquals(List.of(saved.getFrom()), List.of(got.getFrom()));
  }

  @Test
  void purgingEveryMailboxLeavesNothingToRetrieve() throws Exception {
    JakartaMailDelivery.deliver(
        pop3,
        "to",
        MimeMessages.text("bar@localhost", "foo@localhost", "Test subject", "Test message"));
    pop3.awaitMessages("to", 1, Duration.ofSeconds(5));

    pop3.purgeAllMailboxes();

    assertEquals(List.of(), MimeMessages.retrieve(pop3, "to", "password"));
  }

  @Test
  void twoExtensionsNeverShareAPort() throws Exception {
    Pop3Extension other = Pop3Extension.withUser("to", "password");
    other.beforeEach(null);
    try {
      other.deliver("to", "Subject: s\r\n\r\nSent using available port detection\r\n");
      assertNotEquals(pop3.port(), other.port());
      assertEquals(
          "Sent using available port detection\r\n",
          MimeMessages.inMailbox(other, "to").get(0).getContent());
    } finally {
      other.afterEach(null);
    }
  }

  @Test
  void anEmbeddedServerWithoutTheExtensionServesAMessage() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    Pop3Server server =
        Pop3Server.builder()
            .bind("127.0.0.1", 0)
            .authenticator(new MemoryAuthenticator().addUser("waelc", "soooosecret"))
            .mailStore(store)
            .build();
    server.start();
    try {
      store.deliver(
          "waelc",
          JakartaMailDelivery.bytesOf(
              MimeMessages.text("from@localhost", "to@localhost", "s", "b")));
      Properties props = new Properties();
      props.setProperty("mail.pop3.port", Integer.toString(server.port()));
      Store client = Session.getInstance(props).getStore("pop3");
      client.connect("127.0.0.1", "waelc", "soooosecret");
      Folder inbox = client.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertEquals(1, inbox.getMessageCount());
      inbox.close(false);
      client.close();
      assertTrue(server.awaitNoActiveSessions(Duration.ofSeconds(5)));
    } finally {
      server.close();
    }
  }

  @Nested
  class WithAuthenticationDisabled {

    @RegisterExtension Pop3Extension open = Pop3Extension.create().withoutAuthentication();

    @Test
    void anyLoginSeesAnEmptyInbox() throws Exception {
      assertEquals(List.of(), MimeMessages.retrieve(open, "foo@localhost", "any"));
    }

    @Test
    void aUserMadeAtTheFirstLoginIsKeptAndNotMadeAgain() throws Exception {
      MimeMessages.retrieve(open, "foo@localhost", "any");
      open.deliver("foo@localhost", "Subject: s\r\n\r\nx\r\n");

      assertTrue(open.hasUser("foo@localhost"));
      assertEquals(1, MimeMessages.retrieve(open, "foo@localhost", "other").size());
    }
  }
}
