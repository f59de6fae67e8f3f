package io.mdpop3j.junit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers {@code jakarta.mail.Message} objects. Kept apart from {@link Pop3Extension} so that
 * Jakarta Mail stays optional: this class is the only one that names its types, and it loads only
 * when a test calls it.
 *
 * <pre>{@code
 * MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
 * m.setSubject("hi");
 * m.setText("hello");
 * JakartaMailDelivery.deliver(pop3, "alice", m);
 * }</pre>
 */
public final class JakartaMailDelivery {

  private JakartaMailDelivery() {}

  /**
   * Delivers each message as {@link Message#writeTo} writes it (a new {@code MimeMessage} saves its
   * changes first, adding Message-ID and MIME headers); returns their unique-ids.
   */
  public static List<String> deliver(Pop3Extension pop3, String user, Message... messages)
      throws MessagingException, IOException {
    List<String> ids = new ArrayList<>();
    for (Message message : messages) {
      ids.add(pop3.deliver(user, bytesOf(message)));
    }
    return ids;
  }

  /** The bytes of {@code message} as it would be stored: headers, blank line, body. */
  public static byte[] bytesOf(Message message) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }
}
