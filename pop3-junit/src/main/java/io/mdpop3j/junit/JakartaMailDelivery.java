package io.mdpop3j.junit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers {@code jakarta.mail.Message} objects as a mail transport would send them. Kept apart
 * from {@link Pop3Extension} so that Jakarta Mail stays optional: only this class and {@link
 * MimeMessages} name its types, and they load only when a test calls them.
 *
 * <pre>{@code
 * JakartaMailDelivery.deliver(pop3, "alice", MimeMessages.text("bob@example.org",
 *     "alice@example.org", "hi", "hello"));
 * }</pre>
 */
public final class JakartaMailDelivery {

  /** What an SMTP transport leaves out of the message it sends (RFC 5322 section 3.6.3: Bcc). */
  private static final String[] NOT_SENT = {"Bcc", "Content-Length"};

  private JakartaMailDelivery() {}

  /**
   * Delivers each message as {@link jakarta.mail.Transport#send} would send it: changes saved
   * (Message-ID, Date and MIME headers brought up to date), without the {@code Bcc} header; returns
   * their unique-ids.
   *
   * @throws IllegalArgumentException when {@code user} is unknown, naming the users there are
   */
  public static List<String> deliver(Pop3Extension pop3, String user, Message... messages)
      throws MessagingException, IOException {
    List<String> ids = new ArrayList<>();
    for (Message message : messages) {
      ids.add(pop3.deliver(user, bytesOf(message)));
    }
    return ids;
  }

  /**
   * The bytes a transport would send for {@code message}: headers (no {@code Bcc}), blank line,
   * body. Saves the message's changes first, as {@link jakarta.mail.Transport#send} does.
   */
  public static byte[] bytesOf(Message message) throws MessagingException, IOException {
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (message instanceof MimeMessage mime) {
      mime.writeTo(out, NOT_SENT);
    } else {
      message.writeTo(out);
    }
    return out.toByteArray();
  }
}
