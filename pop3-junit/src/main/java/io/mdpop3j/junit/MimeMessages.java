package io.mdpop3j.junit;

import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Messages as Jakarta Mail {@link MimeMessage}s: the ones in a mailbox, the ones a POP3 client
 * fetches, and short builders for the messages tests deliver (GreenMail's {@code
 * getReceivedMessages}, {@code Retriever} and {@code GreenMailUtil} builders). Like {@link
 * JakartaMailDelivery} it needs {@code jakarta.mail-api} and an implementation such as {@code
 * org.eclipse.angus:angus-mail} on the test class path; the rest of the extension does not.
 *
 * <pre>{@code
 * JakartaMailDelivery.deliver(pop3, "alice",
 *     MimeMessages.text("bob@example.org", "alice@example.org", "hi", "hello"));
 * new MailFetcher(pop3.mailProperties(), "alice", "secret").fetchAll();
 * assertThat(MimeMessages.inMailbox(pop3, "alice")).isEmpty();
 * }</pre>
 */
public final class MimeMessages {
  private MimeMessages() {}

  /** A session for parsing and building; it never connects anywhere. */
  private static Session session() {
    return Session.getInstance(new Properties());
  }

  /**
   * The messages still in {@code user}'s mailbox, oldest first, parsed from the stored bytes.
   *
   * @throws IllegalArgumentException when {@code user} is unknown, naming the users there are
   */
  public static List<MimeMessage> inMailbox(Pop3Extension pop3, String user)
      throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MailboxMessage m : pop3.mailbox(user)) {
      out.add(of(m));
    }
    return out;
  }

  /** One stored message, parsed. */
  public static MimeMessage of(MailboxMessage message) throws MessagingException {
    return parse(message.content());
  }

  /** A message parsed from its bytes (RFC 5322), as a client would read it. */
  public static MimeMessage parse(byte[] message) throws MessagingException {
    return new MimeMessage(session(), new ByteArrayInputStream(message));
  }

  /** A message parsed from text encoded as UTF-8 (GreenMail's {@code newMimeMessage}). */
  public static MimeMessage parse(String message) throws MessagingException {
    return parse(message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Logs in over POP3 as a client would, and returns every message of the INBOX, fully read, with
   * the session ended by QUIT and nothing deleted (GreenMail's {@code Retriever.getMessages}).
   * Plain POP3, or POP3S with {@link Pop3Extension#withTls()}.
   *
   * @throws jakarta.mail.AuthenticationFailedException when the server refuses the login
   */
  public static List<MimeMessage> retrieve(Pop3Extension pop3, String user, String password)
      throws MessagingException {
    Properties properties = pop3.mailProperties();
    String protocol = properties.containsKey("mail.pop3s.port") ? "pop3s" : "pop3";
    Store store = Session.getInstance(properties).getStore(protocol);
    store.connect(user, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        List<MimeMessage> out = new ArrayList<>();
        for (Message m : inbox.getMessages()) {
          out.add(new MimeMessage((MimeMessage) m)); // a copy, readable after the folder closes
        }
        return out;
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  /**
   * A plain-text message (US-ASCII when the text allows, else UTF-8) with From, To, Subject and
   * Date set; {@code to} may list several addresses separated by commas.
   */
  public static MimeMessage text(String from, String to, String subject, String body)
      throws MessagingException {
    MimeMessage m = headed(from, to, subject);
    m.setText(body, charsetFor(body));
    return m;
  }

  /**
   * A {@code multipart/mixed} message: the text, then one attachment of {@code contentType} named
   * {@code fileName}, encoded as Jakarta Mail chooses (base64 for binary content).
   */
  public static MimeMessage withAttachment(
      String from,
      String to,
      String subject,
      String body,
      String fileName,
      String contentType,
      byte[] attachment)
      throws MessagingException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body, charsetFor(body));
    MimeBodyPart file = new MimeBodyPart();
    file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.clone(), contentType)));
    file.setFileName(fileName);
    file.setDisposition(MimeBodyPart.ATTACHMENT);
    MimeMultipart parts = new MimeMultipart();
    parts.addBodyPart(text);
    parts.addBodyPart(file);
    MimeMessage m = headed(from, to, subject);
    m.setContent(parts);
    return m;
  }

  private static MimeMessage headed(String from, String to, String subject)
      throws MessagingException {
    MimeMessage m = new MimeMessage(session());
    m.setFrom(new InternetAddress(from));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    if (subject != null) {
      m.setSubject(subject, "UTF-8");
    }
    setSentNow(m);
    return m;
  }

  private static String charsetFor(String text) {
    return StandardCharsets.US_ASCII.newEncoder().canEncode(text) ? "us-ascii" : "UTF-8";
  }

  // Jakarta Mail's API takes a java.util.Date.
  @SuppressWarnings("JavaUtilDate")
  private static void setSentNow(MimeMessage m) throws MessagingException {
    m.setSentDate(new Date());
  }
}
