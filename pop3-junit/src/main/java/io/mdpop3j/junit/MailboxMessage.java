package io.mdpop3j.junit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One message still in a mailbox, as the store holds it.
 *
 * @param uniqueId the unique-id a POP3 client sees in UIDL (RFC 1939 section 7)
 * @param content the stored bytes, exactly as delivered
 */
@SuppressWarnings("ArrayRecordComponent") // message bytes; identity is the unique-id
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

  /** The unique-id, the size and the raw Subject line, if any: what a failure message shows. */
  @Override
  public String toString() {
    String subject = subjectLine();
    return "MailboxMessage["
        + uniqueId
        + ", "
        + content.length
        + " bytes"
        + (subject.isEmpty() ? "" : ", " + subject)
        + "]";
  }

  /** The first {@code Subject:} header line as stored (RFC 5322 section 3.6.5), or "". */
  private String subjectLine() {
    int start = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
      if (stop == start) {
        return ""; // the blank line: the header section has ended
      }
      if (stop - start >= 8 && startsWithSubject(start)) {
        // For a failure text only: the header's own bytes, unfolded lines not joined.
        return new String(content, start, Math.min(stop - start, 120), StandardCharsets.UTF_8);
      }
      start = end + 1;
    }
    return "";
  }

  private boolean startsWithSubject(int at) {
    byte[] name = {'s', 'u', 'b', 'j', 'e', 'c', 't'};
    for (int i = 0; i < name.length; i++) {
      if ((content[at + i] | 0x20) != name[i]) {
        return false;
      }
    }
    return content[at + name.length] == ':';
  }
}
