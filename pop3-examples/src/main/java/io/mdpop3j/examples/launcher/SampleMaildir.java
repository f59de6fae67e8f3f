package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's messages, written as a delivery agent would (tmp/ then rename into new/): one with
 * lines that start with '.', one with 8-bit UTF-8 text, one of about 300 KB.
 */
final class SampleMaildir {
  /** How many messages {@link #create} writes. */
  static final int MESSAGES = 3;

  private SampleMaildir() {}

  /** Creates {@code maildir} with {@code cur/}, {@code new/}, {@code tmp/} and the samples. */
  static void create(Path maildir) throws IOException {
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(maildir.resolve(sub));
    }
    deliver(maildir, "1700000001.M1P1.demo", dotted());
    deliver(maildir, "1700000002.M2P1.demo", eightBit());
    deliver(maildir, "1700000003.M3P1.demo", large());
  }

  private static void deliver(Path maildir, String name, byte[] content) throws IOException {
    Path tmp = maildir.resolve("tmp").resolve(name);
    Files.write(tmp, content);
    Files.move(tmp, maildir.resolve("new").resolve(name));
  }

  private static byte[] dotted() {
    return ascii(
        """
        From: Demo Sender <sender@example.org>
        To: demo@example.org
        Subject: Lines that start with a dot
        Date: Tue, 14 Nov 2023 22:13:21 +0000
        Message-ID: <dotted@demo.mdpop3j>

        POP3 sends a line that starts with '.' with one more '.' in front
        (RFC 1939 section 3), and the client takes it off again:
        .
        ..two dots
        .one dot
        The single '.' above did not end this message.
        """);
  }

  private static byte[] eightBit() {
    return """
            From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.org>
            To: demo@example.org
            Subject: 8-bit text
            Date: Tue, 14 Nov 2023 22:14:00 +0000
            Message-ID: <eightbit@demo.mdpop3j>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            Gr\u00fc\u00dfe aus K\u00f6ln, \u00a1hola!, \u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435, \u3053\u3093\u306b\u3061\u306f.
            POP3 passes these bytes through unchanged.
            """
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] large() throws IOException {
    var out = new java.io.ByteArrayOutputStream(320_000);
    writeAscii(
        out,
        """
        From: Demo Sender <sender@example.org>
        To: demo@example.org
        Subject: A large message
        Date: Tue, 14 Nov 2023 22:15:00 +0000
        Message-ID: <large@demo.mdpop3j>

        """);
    for (int i = 1; i <= 4000; i++) {
      writeAscii(
          out,
          String.format(
              "%05d The quick brown fox jumps over the lazy dog; POP3 streams this line.%n", i));
    }
    return out.toByteArray();
  }

  private static void writeAscii(OutputStream out, String text) throws IOException {
    out.write(ascii(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
