package io.mdpop3j.examples.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maildirs with known messages, and passwd-files, in a test's temporary folder. */
final class MailFixture {

  static final String PASSWORD = "s3cret pass";

  private MailFixture() {}

  /** Three messages a POP3 server must pass through exactly: a dot line, 8-bit, large. */
  static Map<String, byte[]> samples() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(
        "1700000001.M1P1.test",
        ascii("From: a@example.org\nSubject: dots\nMessage-ID: <1@test>\n\n.\n..two\n.one\nend\n"));
    m.put(
        "1700000002.M2P1.test",
        ("From: b@example.org\nSubject: 8bit\nMessage-ID: <2@test>\nContent-Type: text/plain;"
                + " charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\nGrüße, Здравствуйте, \u00ff\n")
            .getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.writeBytes(ascii("From: c@example.org\nSubject: large\nMessage-ID: <3@test>\n\n"));
    for (int i = 0; i < 6000; i++) {
      big.writeBytes(ascii(String.format("%06d line of a large message for POP3 tests%n", i)));
    }
    m.put("1700000003.M3P1.test", big.toByteArray());
    return m;
  }

  /** Creates {@code maildir} holding {@code messages} in new/. */
  static Path maildir(Path maildir, Map<String, byte[]> messages) throws IOException {
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(maildir.resolve(sub));
    }
    for (Map.Entry<String, byte[]> e : messages.entrySet()) {
      Files.write(maildir.resolve("new").resolve(e.getKey()), e.getValue());
    }
    return maildir;
  }

  /** A passwd-file with one {PLAIN} user whose home is {@code home}. */
  static Path passwdFile(Path file, String user, int uid, int gid, Path home) throws IOException {
    Files.writeString(
        file, user + ":{PLAIN}" + PASSWORD + ":" + uid + ":" + gid + "::" + home + "::\n");
    return file;
  }

  /** The files now in {@code maildir}'s new/ and cur/. */
  static List<Path> messageFiles(Path maildir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String sub : new String[] {"new", "cur"}) {
      try (var s = Files.list(maildir.resolve(sub))) {
        s.forEach(files::add);
      }
    }
    return files;
  }

  /** {@code content} with CRLF turned to LF: how a client that stores mail Unix-style saves it. */
  static byte[] lf(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
        continue;
      }
      out.write(content[i]);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The session a POP3 client sends, as CRLF lines. */
  static String script(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }
}
