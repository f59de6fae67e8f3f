package io.mdpop3j.examples.launcher;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Splits what a server sent on a pipe into replies, undoing dot-stuffing of multi-line ones. */
final class Pop3Reply {

  private Pop3Reply() {}

  /** The lines of {@code bytes}, split at CRLF, without the terminators. */
  static List<byte[]> lines(byte[] bytes) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        byte[] line = new byte[i - start];
        System.arraycopy(bytes, start, line, 0, line.length);
        lines.add(line);
        start = i + 2;
        i++;
      }
    }
    return lines;
  }

  /**
   * The body of the multi-line reply that starts at line {@code first} (the {@code +OK} line), with
   * LF line ends and dot-stuffing undone, as a Maildir file holds it.
   */
  static byte[] multiLineBody(List<byte[]> lines, int first) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = first + 1; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      if (line.length == 1 && line[0] == '.') {
        return out.toByteArray();
      }
      int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
      out.write(line, skip, line.length - skip);
      out.write('\n');
    }
    throw new AssertionError("multi-line reply has no final '.'");
  }

  /** The index of the first line starting with {@code prefix} at or after {@code from}. */
  static int find(List<byte[]> lines, String prefix, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (new String(lines.get(i), java.nio.charset.StandardCharsets.ISO_8859_1)
          .startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with " + prefix);
  }
}
