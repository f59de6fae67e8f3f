package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Finds the end of one PROXY header in a stream without reading past it, under a deadline, and
 * hands the header's octets to {@link ProxyV1Parser} or {@link ProxyV2Parser}.
 *
 * <p>It never asks the stream for more octets than a valid header must still contain: 15 to tell
 * the versions apart (the shortest header is {@code PROXY UNKNOWN\r\n}), then for v1 at most the
 * two of a CRLF not yet seen, and for v2 exactly the length its fixed part declares. So whatever
 * follows the header (POP3 commands or a TLS ClientHello) stays in the stream, however the octets
 * arrive.
 */
final class ProxyHeaderReader {

  /** The longest v1 line, CRLF included (section 2.1: "PROXY UNKNOWN" with two IPv6 addresses). */
  static final int V1_MAX_LENGTH = 107;

  /**
   * The longest v2 address block and TLVs accepted. Section 2.2 allows 65535, but what balancers
   * send (two IPv6 addresses, a unique id of at most 128 octets, an authority, the TLS details)
   * fits in a few hundred; a larger header is refused rather than buffered.
   */
  static final int V2_MAX_DECLARED_LENGTH = 4096;

  /** The 12-octet v2 signature (section 2.2). */
  static final byte[] V2_SIGNATURE = {
    0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
  };

  static final int V2_FIXED_LENGTH = 16;

  private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
  private static final int SHORTEST_HEADER = 15;

  /** Sets the timeout of the next blocking read, in milliseconds (at least 1). */
  @FunctionalInterface
  interface ReadTimeout {
    void set(int millis) throws IOException;
  }

  /** Nanosecond time, replaceable in tests. */
  @FunctionalInterface
  interface Clock {
    long nanoTime();
  }

  private final InputStream in;
  private final Duration timeout;
  private final ReadTimeout readTimeout;
  private final Clock clock;
  private long deadline;
  private byte[] buffer = new byte[V1_MAX_LENGTH];
  private int length;

  ProxyHeaderReader(InputStream in, Duration timeout, ReadTimeout readTimeout, Clock clock) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "the PROXY header timeout must be positive, not " + timeout);
    }
    this.in = in;
    this.timeout = timeout;
    this.readTimeout = readTimeout;
    this.clock = clock;
  }

  ProxyHeader read() throws IOException {
    deadline = clock.nanoTime() + timeout.toNanos();
    while (length < SHORTEST_HEADER) {
      readSome(SHORTEST_HEADER - length);
      checkSignature();
    }
    return buffer[0] == 'P' ? readV1() : readV2();
  }

  private void checkSignature() throws ProxyHeaderException {
    if (!startsWith(V1_PREFIX) && !startsWith(V2_SIGNATURE)) {
      throw new ProxyHeaderException(
          "not a PROXY protocol header: it starts with "
              + received()
              + ", but a v1 header starts with \"PROXY \" and a v2 header with the 12-octet"
              + " signature \\r\\n\\r\\n\\0\\r\\nQUIT\\n");
    }
  }

  private boolean startsWith(byte[] signature) {
    int n = Math.min(length, signature.length);
    for (int i = 0; i < n; i++) {
      if (buffer[i] != signature[i]) {
        return false;
      }
    }
    return true;
  }

  private ProxyHeader readV1() throws IOException {
    int checked = 0;
    while (true) {
      for (; checked < length; checked++) {
        byte b = buffer[checked];
        if (b == '\n') {
          if (checked == 0 || buffer[checked - 1] != '\r') {
            throw new ProxyHeaderException(
                "the PROXY v1 line " + received() + " ends in a bare LF; it must end in CRLF");
          }
          String line = new String(buffer, 0, checked - 1, StandardCharsets.US_ASCII);
          ProxyHeader header = ProxyV1Parser.parse(line);
          if (checked + 1 != length) {
            // Only a line shorter than "PROXY UNKNOWN" can end inside the first read, and the
            // parser refuses every such line.
            throw new IllegalStateException("read past the PROXY v1 line " + received());
          }
          return header;
        }
        if (checked > 0 && buffer[checked - 1] == '\r') {
          throw new ProxyHeaderException(
              "the PROXY v1 line " + received() + " has a CR not followed by LF");
        }
        if (b != '\r' && (b < 0x20 || b > 0x7E)) {
          throw new ProxyHeaderException(
              String.format(
                  Locale.ROOT,
                  "the PROXY v1 line %s has the octet 0x%02X at position %d;"
                      + " it must be printable US-ASCII ending in CRLF",
                  received(),
                  b & 0xFF,
                  checked));
        }
      }
      if (length == V1_MAX_LENGTH) {
        throw new ProxyHeaderException(
            "the PROXY v1 line "
                + received()
                + " has no CRLF within "
                + V1_MAX_LENGTH
                + " octets, the longest a v1 header may be");
      }
      // A valid line still holds its CRLF, or at least its LF after a CR: never read further.
      int stillNeeded = buffer[length - 1] == '\r' ? 1 : 2;
      readSome(Math.min(stillNeeded, V1_MAX_LENGTH - length));
    }
  }

  private ProxyHeader readV2() throws IOException {
    while (length < V2_FIXED_LENGTH) {
      readSome(V2_FIXED_LENGTH - length);
    }
    // Version and command are checked before the rest is read, so junk fails fast.
    ProxyV2Parser.checkVersionAndCommand(buffer[12]);
    int declared = ((buffer[14] & 0xFF) << 8) | (buffer[15] & 0xFF);
    if (declared > V2_MAX_DECLARED_LENGTH) {
      throw new ProxyHeaderException(
          "the PROXY v2 header declares "
              + declared
              + " octets after its fixed part; at most "
              + V2_MAX_DECLARED_LENGTH
              + " are accepted");
    }
    byte[] header = new byte[V2_FIXED_LENGTH + declared];
    System.arraycopy(buffer, 0, header, 0, V2_FIXED_LENGTH);
    buffer = header;
    while (length < header.length) {
      readSome(header.length - length);
    }
    return ProxyV2Parser.parse(header);
  }

  /** One read of at most {@code max} octets into the buffer, within the deadline. */
  private void readSome(int max) throws IOException {
    long remaining = deadline - clock.nanoTime();
    if (remaining <= 0) {
      throw timedOut(null);
    }
    readTimeout.set(
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000)));
    int n;
    try {
      n = in.read(buffer, length, max);
    } catch (SocketTimeoutException e) {
      throw timedOut(e);
    }
    if (n < 0) {
      throw new ProxyHeaderException(
          "the connection ended after "
              + length
              + " octets ("
              + received()
              + "), before the PROXY header was complete");
    }
    length += n;
  }

  private ProxyHeaderException timedOut(Throwable cause) {
    return new ProxyHeaderException(
        "no complete PROXY header within "
            + timeout.toMillis()
            + " ms; received "
            + length
            + " octets: "
            + received(),
        cause);
  }

  /** What was received so far, quoted, with non-printable octets escaped. */
  private String received() {
    return quote(buffer, 0, Math.min(length, 120));
  }

  /** Octets as a quoted string, printable US-ASCII as is and any other octet as \xNN. */
  static String quote(byte[] octets, int offset, int count) {
    StringBuilder text = new StringBuilder(count + 2).append('"');
    for (int i = offset; i < offset + count; i++) {
      int b = octets[i] & 0xFF;
      if (b == '\r') {
        text.append("\\r");
      } else if (b == '\n') {
        text.append("\\n");
      } else if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
        text.append((char) b);
      } else {
        text.append(String.format(Locale.ROOT, "\\x%02X", b));
      }
    }
    return text.append('"').toString();
  }
}
