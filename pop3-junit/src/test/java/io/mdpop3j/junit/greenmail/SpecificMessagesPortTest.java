package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.JakartaMailDelivery;
import io.mdpop3j.junit.MimeMessages;
import io.mdpop3j.junit.Pop3Extension;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From GreenMail's specificmessages tests (Date, Escaping, LargeMessage, ReplyTo, SenderRecipient,
 * Encoding, Rfc822Message): unusual messages reach a POP3 client intact. Where GreenMail read with
 * IMAP, these read with POP3.
 */
class SpecificMessagesPortTest {
  private static final String TO = "to@localhost";

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("to", "pwd").createUsersOnDelivery();

  private MimeMessage fetchOnly(String user, String password) throws Exception {
    List<MimeMessage> messages = MimeMessages.retrieve(pop3, user, password);
    assertEquals(1, messages.size());
    return messages.get(0);
  }

  @Test
  void theSentDateSurvives() throws Exception {
    MimeMessage mail = MimeMessages.text("from@localhost", TO, "Subject", "msg");
    Date sent = new GregorianCalendar(2000, Calendar.FEBRUARY, 1, 0, 0, 0).getTime();
    mail.setSentDate(sent);
    JakartaMailDelivery.deliver(pop3, "to", mail);

    assertEquals(sent, fetchOnly("to", "pwd").getSentDate());
  }

  @Test
  void aSubjectFullOfSpecialCharactersSurvives() throws Exception {
    String subject = "Subject?<>/|\\\\.%\\\"*?:{[]}!";
    JakartaMailDelivery.deliver(
        pop3, "to", MimeMessages.text("from@localhost", TO, subject, "msg"));

    MimeMessage m = fetchOnly("to", "pwd");
    assertEquals(subject, m.getSubject());
    assertEquals(TO, m.getAllRecipients()[0].toString());
    assertEquals("from@localhost", m.getFrom()[0].toString());
  }

  @Test
  void aMessageIdWithQuotesAndABackslashSurvives() throws Exception {
    String id = "<11111.22222.3333.JavaMail.\"foo.bar\\domain\"@localhost>";
    pop3.deliver(
        "to",
        "Message-ID: "
            + id
            + "\r\nFrom: bar`bar <bar@localhost>\r\nTo: "
            + TO
            + "\r\nSubject: Bad IMAP Envelope\r\n\r\nExample text\r\n");

    MimeMessage m = fetchOnly("to", "pwd");
    assertEquals(id, m.getMessageID());
    assertEquals("bar`bar <bar@localhost>", m.getFrom()[0].toString());
  }

  @Test
  void aLargeTextWithALargeAttachmentSurvives() throws Exception {
    String text = "a".repeat(100_000);
    byte[] data = largeBytes();
    JakartaMailDelivery.deliver(
        pop3,
        "to",
        MimeMessages.withAttachment(
            "from@localhost", TO, "Subject", text, "file", "application/blubb", data));

    MimeMessage m = fetchOnly("to", "pwd");
    MimeMultipart body = (MimeMultipart) m.getContent();
    assertTrue(m.getContentType().startsWith("multipart/mixed"));
    assertEquals(2, body.getCount());
    assertEquals(text, body.getBodyPart(0).getContent());
    assertEquals(
        "application/blubb; name=file",
        body.getBodyPart(1).getContentType().toLowerCase(Locale.ROOT));
    try (InputStream in = body.getBodyPart(1).getInputStream()) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void aLargeBinaryBodySurvives() throws Exception {
    byte[] data = largeBytes();
    MimeMessage mail = MimeMessages.text("from@localhost", TO, "Subject", "");
    mail.setDataHandler(new DataHandler(new ByteArrayDataSource(data, "application/blubb")));
    // Binary content is sent encoded; POP3 ends the last line with CRLF, which base64 ignores.
    mail.setHeader("Content-Transfer-Encoding", "base64");
    JakartaMailDelivery.deliver(pop3, "to", mail);

    MimeMessage m = fetchOnly("to", "pwd");
    assertEquals("application/blubb", m.getContentType().toLowerCase(Locale.ROOT));
    try (InputStream in = m.getInputStream()) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void replyToIsTheSenderUnlessSetAndEveryRecipientSeesIt() throws Exception {
    MimeMessage plain = toCcBcc();
    MimeMessage withReplyTo = toCcBcc();
    InternetAddress replyTo = new InternetAddress("reply-to@localhost", "Reply-To");
    withReplyTo.setReplyTo(new Address[] {replyTo});

    for (String user : List.of("to1", "cc1", "bcc1")) {
      JakartaMailDelivery.deliver(pop3, user, plain, withReplyTo);
      List<MimeMessage> got = MimeMessages.retrieve(pop3, user, user);
      assertEquals(List.of(plain.getFrom()[0]), Arrays.asList(got.get(0).getReplyTo()));
      assertEquals(List.of(replyTo), Arrays.asList(got.get(1).getReplyTo()));
    }
  }

  @Test
  void toAndCcRecipientsAreListedAndBccIsNot() throws Exception {
    MimeMessage m = toCcBcc();
    for (String user : List.of("to1", "to2", "cc1", "cc2", "bcc1", "bcc2")) {
      JakartaMailDelivery.deliver(pop3, user, m);
    }

    for (String user : List.of("to1", "to2", "cc1", "cc2", "bcc1", "bcc2")) {
      MimeMessage got = fetchOnly(user, user);
      assertEquals(
          Arrays.asList(m.getRecipients(Message.RecipientType.TO)),
          Arrays.asList(got.getRecipients(Message.RecipientType.TO)));
      assertEquals(
          Arrays.asList(m.getRecipients(Message.RecipientType.CC)),
          Arrays.asList(got.getRecipients(Message.RecipientType.CC)));
      assertNull(got.getRecipients(Message.RecipientType.BCC));
    }
  }

  @Test
  void aMessageWithoutASubjectSurvives() throws Exception {
    JakartaMailDelivery.deliver(
        pop3, "to", MimeMessages.text("from@localhost", TO, null, "some subject less body"));

    MimeMessage m = fetchOnly("to", "pwd");
    assertNull(m.getSubject());
    // POP3 ends an unterminated last line with CRLF (RFC 1939 section 3), hence trim() as in
    // GreenMail's own POP3 tests.
    assertEquals("some subject less body", m.getContent().toString().trim());
  }

  @Test
  void quotedLocalPartsInAddressesSurvive() throws Exception {
    List<String> addresses =
        List.of(
            "\"John..Doe\"@localhost", "abc.'defghi'.xyz@localhost", "\"abcdefghixyz\"@localhost");
    for (String address : addresses) {
      JakartaMailDelivery.deliver(
          pop3, "to", MimeMessages.text(address, address, "quoted", "some body"));
    }

    List<MimeMessage> got = MimeMessages.retrieve(pop3, "to", "pwd");
    for (int i = 0; i < addresses.size(); i++) {
      InternetAddress expected = new InternetAddress(addresses.get(i));
      assertEquals(expected, got.get(i).getRecipients(Message.RecipientType.TO)[0]);
      assertEquals(expected, got.get(i).getFrom()[0]);
      assertEquals("some body", got.get(i).getContent().toString().trim());
    }
  }

  @Test
  void utf8PartsOfAMultipartAlternativeSurviveInEveryTransferEncoding() throws Exception {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart quoted = new MimeBodyPart();
    quoted.setContent("QP Content with umlaut \u00FC", "text/javascript; charset=utf-8");
    quoted.setHeader("Content-Transfer-Encoding", "QUOTED-PRINTABLE");
    alternative.addBodyPart(quoted);
    MimeBodyPart eightBit = new MimeBodyPart();
    eightBit.setText("8BIT Content with umlaut \u00FC", "utf-8");
    eightBit.setHeader("Content-Transfer-Encoding", "8BIT");
    alternative.addBodyPart(eightBit);
    MimeMessage m = MimeMessages.text("foo@localhost", "foo@localhost", "Subject \u00E4", "");
    m.setContent(alternative);
    JakartaMailDelivery.deliver(pop3, "to", m);

    MimeMessage got = fetchOnly("to", "pwd");
    assertEquals("Subject \u00E4", got.getSubject());
    Multipart parts = (Multipart) got.getContent();
    assertTrue(parts.getContentType().startsWith("multipart/alternative"));
    BodyPart first = parts.getBodyPart(0);
    assertEquals("text/javascript; charset=utf-8", first.getContentType());
    try (InputStream in = first.getInputStream()) {
      assertEquals(
          "QP Content with umlaut \u00FC",
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals("8BIT Content with umlaut \u00FC", parts.getBodyPart(1).getContent());
  }

  @Test
  void utf8TextAndSubjectSurviveTheShortBuilders() throws Exception {
    String content = "This is a test with ünicöde: \uD83C\uDF36";
    JakartaMailDelivery.deliver(
        pop3, "to", MimeMessages.text("from@localhost", TO, "Some sübject", content));

    MimeMessage m = MimeMessages.inMailbox(pop3, "to").get(0);
    assertEquals("Some sübject", m.getSubject());
    assertEquals("text/plain; charset=UTF-8", m.getContentType());
    assertEquals(content, m.getContent());
  }

  @Test
  void utf8DisplayNamesOfSenderAndRecipientSurvive() throws Exception {
    InternetAddress from = new InternetAddress("from@localhost", "кирилица");
    InternetAddress to = new InternetAddress(TO, "кирилица");
    MimeMessage m = MimeMessages.text("from@localhost", TO, "Some subject", "This is a test");
    m.setFrom(from);
    m.setRecipient(Message.RecipientType.TO, to);
    JakartaMailDelivery.deliver(pop3, "to", m);

    MimeMessage got = fetchOnly("to", "pwd");
    assertEquals(from.toString(), got.getFrom()[0].toString());
    assertEquals(
        List.of(to.toString()),
        Arrays.stream(got.getAllRecipients()).map(Object::toString).toList());
  }

  @Test
  void aLongEncodedUtf8AttachmentNameSurvives() throws Exception {
    String fileName = "кирилица testimage_ünicöde_\uD83C\uDF36";
    String encoded = MimeUtility.encodeText(fileName);
    JakartaMailDelivery.deliver(
        pop3,
        "to",
        MimeMessages.withAttachment(
            "from@localhost", TO, "subject", "body", encoded, "image/gif", new byte[] {0, 1, 2}));

    MimeMultipart parts = (MimeMultipart) fetchOnly("to", "pwd").getContent();
    String received = parts.getBodyPart(1).getFileName();
    assertEquals(encoded, received);
    assertEquals(fileName, MimeUtility.decodeText(received));
  }

  @Test
  void aForwardedMessageInsideAMessageSurvives() throws Exception {
    MimeMessage forwarded =
        MimeMessages.text(
            "foo@localhost",
            "foo@localhost",
            "test newMessageWithForward",
            "forwarded mail content");
    forwarded.saveChanges();
    MimeBodyPart attached = new MimeBodyPart();
    attached.setContent(forwarded, "message/rfc822");
    MimeMessage outer = MimeMessages.text("foo@localhost", "foo@localhost", "Fwd: test", "");
    outer.setContent(new MimeMultipart(attached));
    JakartaMailDelivery.deliver(pop3, "to", outer);

    MimeMessage got = fetchOnly("to", "pwd");
    Multipart parts = (Multipart) got.getContent();
    assertTrue(parts.getContentType().startsWith("multipart/mixed"));
    BodyPart part = parts.getBodyPart(0);
    assertTrue(part.getContentType().toLowerCase(Locale.ROOT).startsWith("message/rfc822"));
    MimeMessage inner = (MimeMessage) part.getContent();
    assertTrue(inner.getContentType().toLowerCase(Locale.ROOT).startsWith("text/plain"));
    assertEquals(forwarded.getSubject(), inner.getSubject());
    assertEquals(Arrays.asList(forwarded.getFrom()), Arrays.asList(inner.getFrom()));
    assertEquals(forwarded.getContent(), inner.getContent());
  }

  private static MimeMessage toCcBcc() throws Exception {
    MimeMessage m =
        MimeMessages.text("from@localhost", "to1@localhost, to2@localhost", "Subject", "text");
    m.setFrom(new InternetAddress("from@localhost", "From"));
    m.setRecipients(
        Message.RecipientType.TO,
        new Address[] {
          new InternetAddress("to1@localhost", "To 1"), new InternetAddress("to2@localhost", "To 2")
        });
    m.setRecipients(
        Message.RecipientType.CC,
        new Address[] {
          new InternetAddress("cc1@localhost", "Cc 1"), new InternetAddress("cc2@localhost", "Cc 2")
        });
    m.setRecipients(
        Message.RecipientType.BCC,
        new Address[] {
          new InternetAddress("bcc1@localhost", "Bcc 1"),
          new InternetAddress("bcc2@localhost", "Bcc 2")
        });
    return m;
  }

  /** About 100 KiB of the byte 100, as GreenMail's large-message test uses. */
  private static byte[] largeBytes() {
    byte[] bytes = new byte[100 * 1024 + 100];
    Arrays.fill(bytes, (byte) 100);
    return bytes;
  }
}
