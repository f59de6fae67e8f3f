package io.mdpop3j.junit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One message still in a mailbox, as the store holds it.
 *
 * @param uniqueId the unique-id a POP3 client sees in UIDL (RFC 1939 section 7)
 * @param content the stored bytes, exactly as delivered
 */
public record MailboxMessage(String uniqueId, byte[] content) {

  public MailboxMessage {
    Objects.requireNonNull(uniqueId, "uniqueId");
    content = content.clone();
  }

  /** The stored bytes; a copy. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8, for assertions such as {@code contains("Subject: hi")}. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "MailboxMessage[" + uniqueId + ", " + content.length + " bytes]";
  }
}
