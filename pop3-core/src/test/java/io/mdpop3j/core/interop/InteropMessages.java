package io.mdpop3j.core.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Messages that exercise the wire form: LF and CRLF endings, dot lines, no final newline. */
final class InteropMessages {

  private InteropMessages() {}

  static final List<byte[]> ALL =
      List.of(
          bytes(
              "From: a@example.org\nTo: alice@example.org\nSubject: plain LF\n"
                  + "Message-ID: <1@example.org>\n\nHello Alice.\n.\n..two dots\n.leading dot\n"),
          bytes(
              "From: b@example.org\r\nTo: alice@example.org\r\nSubject: CRLF\r\n"
                  + "Message-ID: <2@example.org>\r\n\r\nline one\r\n\r\nline three\r\n"),
          bytes(
              "From: c@example.org\nTo: alice@example.org\nSubject: no final newline\n"
                  + "Message-ID: <3@example.org>\n\nlast line without newline"),
          bytes(
              "From: d@example.org\nTo: alice@example.org\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n"
                  + "Message-ID: <4@example.org>\nMIME-Version: 1.0\n"
                  + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                  + "Gr\u00fc\u00dfe aus K\u00f6ln\n"
                  + "x".repeat(5000)
                  + "\n"),
          bytes(
              "From: e@example.org\nTo: alice@example.org\nSubject: big\n"
                  + "Message-ID: <5@example.org>\n\n"
                  + ("0123456789abcdef".repeat(4) + "\n.dotted\n").repeat(20000)));

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
