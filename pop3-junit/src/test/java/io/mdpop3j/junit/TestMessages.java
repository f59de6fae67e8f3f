package io.mdpop3j.junit;

/** Sample messages for the tests. */
final class TestMessages {

  private TestMessages() {}

  /** A small RFC 5322 message with CRLF line ends. */
  static String text(String subject, String body) {
    return "From: sender@example.org\r\n"
        + "To: alice@example.org\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Message-ID: <"
        + subject.replace(' ', '-')
        + "@example.org>\r\n"
        + "\r\n"
        + body
        + "\r\n";
  }
}
