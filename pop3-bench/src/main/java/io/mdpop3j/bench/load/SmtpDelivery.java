package io.mdpop3j.bench.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code deliver}: hands one stored message file to an SMTP server on 127.0.0.1 for {@code --to}
 * (how the script fills GreenMail, which keeps mail in memory). Stored LF becomes CRLF and lines
 * starting with {@code .} are dot-stuffed (RFC 5321 section 4.5.2).
 */
final class SmtpDelivery {
  private SmtpDelivery() {}

  static void deliver(Options o) throws IOException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("smtp-port"));
    byte[] stored = Files.readAllBytes(Path.of(o.require("file")));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 5_000);
      s.setSoTimeout(60_000);
      InputStream in = s.getInputStream();
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
      expect(in, "2", "greeting");
      for (String to : o.require("to").split(",", 0)) {
        cmd(out, in, "HELO bench.example.org", "2");
        cmd(out, in, "MAIL FROM:<bench@example.org>", "2");
        cmd(out, in, "RCPT TO:<" + to + ">", "2");
        cmd(out, in, "DATA", "3");
        boolean lineStart = true;
        for (int i = 0; i < stored.length; i++) {
          byte b = stored[i];
          if (lineStart && b == '.') {
            out.write('.');
          }
          if (b == '\n' && (i == 0 || stored[i - 1] != '\r')) {
            out.write('\r');
          }
          out.write(b);
          lineStart = b == '\n';
        }
        if (!lineStart) {
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        cmd(out, in, ".", "2");
      }
      cmd(out, in, "QUIT", "2");
    }
  }

  private static void cmd(OutputStream out, InputStream in, String line, String want)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, want, line);
  }

  /** Reads one (possibly multi-line) SMTP reply and checks its first digit. */
  private static void expect(InputStream in, String want, String what) throws IOException {
    while (true) {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        sb.append((char) c);
      }
      if (c < 0) {
        throw new IOException("SMTP server closed after " + what);
      }
      String reply = sb.toString().trim();
      if (!reply.startsWith(want)) {
        throw new IOException("SMTP " + what + " answered " + reply);
      }
      if (reply.length() < 4 || reply.charAt(3) != '-') {
        return;
      }
    }
  }
}
