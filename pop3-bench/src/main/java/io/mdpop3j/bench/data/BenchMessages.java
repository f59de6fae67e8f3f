package io.mdpop3j.bench.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The benchmark's messages: deterministic from (id, size, dot share), so the generator can write
 * them and a client can check every byte it receives without reading the server's files. Stored
 * form has bare LF line ends, as qmail, Postfix and Dovecot LDA write Maildir files. JDK only: the
 * load generator uses it too.
 */
public final class BenchMessages {
  /** The header that names a message; the first line of every benchmark message. */
  public static final String ID_HEADER = "X-Bench-Id: ";

  private static final byte[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;:-+=/()"
          .getBytes(StandardCharsets.US_ASCII);

  private BenchMessages() {}

  /**
   * The stored bytes of message {@code id}: exactly {@code size} octets (at least 200), LF line
   * ends, and about {@code dotPermille} of every 1000 body lines starting with {@code .}.
   */
  public static byte[] stored(long id, int size, int dotPermille) {
    if (size < 200) {
      throw new IllegalArgumentException("size must be at least 200, was " + size);
    }
    String header =
        ID_HEADER
            + id
            + " "
            + size
            + " "
            + dotPermille
            + "\nFrom: Bench Sender <bench@example.org>\nTo: <user@example.org>\n"
            + "Subject: benchmark message "
            + id
            + "\nMessage-ID: <bench."
            + id
            + "@example.org>\n\n";
    byte[] out = new byte[size];
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(h, 0, out, 0, h.length);
    long seed = id * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
    int pos = h.length;
    while (pos < size) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int r = (int) (seed >>> 33);
      int lineLength = 20 + Math.floorMod(r, 57);
      boolean dot = Math.floorMod(r >>> 7, 1000) < dotPermille;
      int end = Math.min(size - 1, pos + lineLength);
      for (int i = pos; i < end; i++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        out[i] = ALPHABET[(int) ((seed >>> 40) % ALPHABET.length)];
      }
      if (end > pos && dot) {
        out[pos] = '.';
      }
      out[end] = '\n';
      pos = end + 1;
    }
    return out;
  }

  /**
   * The RFC 1939 wire size of {@code stored}: LF counted as CRLF, a final CRLF if missing, no
   * dot-stuffing, no terminator.
   */
  public static long wireSize(byte[] stored) {
    long n = stored.length;
    for (int i = 0; i < stored.length; i++) {
      if (stored[i] == '\n' && (i == 0 || stored[i - 1] != '\r')) {
        n++;
      }
    }
    if (stored.length > 0 && stored[stored.length - 1] != '\n') {
      n += 2;
    }
    return n;
  }

  /**
   * The exact bytes a server must send after {@code +OK} for RETR of {@code stored}: LF as CRLF,
   * dot-stuffed, ending with {@code .} CRLF (RFC 1939 section 3).
   */
  public static byte[] wire(byte[] stored) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length + stored.length / 20 + 8);
    boolean lineStart = true;
    for (int i = 0; i < stored.length; i++) {
      byte b = stored[i];
      if (lineStart && b == '.') {
        out.write('.');
      }
      lineStart = false;
      if (b == '\n') {
        if (i == 0 || stored[i - 1] != '\r') {
          out.write('\r');
        }
        lineStart = true;
      }
      out.write(b);
    }
    if (!lineStart) {
      out.write('\r');
      out.write('\n');
    }
    out.write('.');
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Parses the first line of a benchmark message, {@code X-Bench-Id: id size dots}, as sent on the
   * wire; returns {id, size, dots} or null when the line is not one.
   */
  public static long[] parseIdLine(String line) {
    if (!line.startsWith(ID_HEADER)) {
      return null;
    }
    List<String> parts = List.of(line.substring(ID_HEADER.length()).trim().split(" ", 0));
    if (parts.size() != 3) {
      return null;
    }
    try {
      return new long[] {
        Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1)), Long.parseLong(parts.get(2))
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
