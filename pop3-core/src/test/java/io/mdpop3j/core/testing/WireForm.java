package io.mdpop3j.core.testing;

import io.mdpop3j.core.protocol.TopLimiter;
import io.mdpop3j.core.protocol.WireEncoder;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * A slow, obviously-right model of the RFC 1939 wire form, and a driver that pushes stored bytes
 * through {@link WireEncoder} (and optionally {@link TopLimiter}) in given chunks, for tests.
 */
public final class WireForm {

  private WireForm() {}

  /**
   * The message with every bare LF made CRLF and a line break added to an unterminated last line:
   * the bytes RFC 1939 section 11 counts, before dot-stuffing.
   */
  public static byte[] normalized(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(b);
    }
    if (message.length > 0 && message[message.length - 1] != '\n') {
      if (message[message.length - 1] != '\r') {
        out.write('\r');
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  /**
   * {@link #normalized} with a dot added to every line that starts with one, then {@code .CRLF}.
   */
  public static byte[] stuffedAndTerminated(byte[] normalized) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean lineStart = true;
    for (byte b : normalized) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    out.write('.');
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  /** Encodes {@code message} fed to one encoder in pieces of the given sizes (cycled). */
  public static byte[] encode(byte[] message, List<Integer> chunkSizes) {
    return encodeTop(message, chunkSizes, OptionalLong.empty());
  }

  /**
   * As {@link #encode}, with a {@link TopLimiter} for {@code bodyLines} body lines in front of the
   * encoder when present, the way the server combines them.
   */
  public static byte[] encodeTop(byte[] message, List<Integer> chunkSizes, OptionalLong bodyLines) {
    WireEncoder encoder = new WireEncoder();
    TopLimiter limiter = bodyLines.isPresent() ? new TopLimiter(bodyLines.getAsLong()) : null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int off = 0;
    int k = 0;
    while (off < message.length) {
      int size =
          chunkSizes.isEmpty()
              ? message.length
              : Math.max(1, chunkSizes.get(k++ % chunkSizes.size()));
      int len = Math.min(size, message.length - off);
      int take = limiter == null ? len : limiter.accept(message, off, len);
      byte[] dst = new byte[WireEncoder.maxEncodedLength(take)];
      int n = encoder.encode(message, off, take, dst, 0);
      out.write(dst, 0, n);
      off += len;
      if (limiter != null && limiter.isDone()) {
        break;
      }
    }
    byte[] end = new byte[WireEncoder.MAX_FINISH_BYTES];
    out.write(end, 0, encoder.finish(end, 0));
    return out.toByteArray();
  }

  /** As {@link #encodeTop(byte[], List, OptionalLong)} for the header and {@code bodyLines}. */
  public static byte[] encodeTop(byte[] message, List<Integer> chunkSizes, long bodyLines) {
    return encodeTop(message, chunkSizes, OptionalLong.of(bodyLines));
  }

  /** Undoes dot-stuffing and strips the final {@code .CRLF} of an encoded message. */
  public static byte[] unstuffed(byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int end = encoded.length - 3;
    boolean lineStart = true;
    for (int i = 0; i < end; i++) {
      byte b = encoded[i];
      if (lineStart && b == '.') {
        lineStart = false;
        continue;
      }
      out.write(b);
      lineStart = b == '\n';
    }
    return out.toByteArray();
  }

  /** ASCII bytes of {@code text}. */
  public static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** {@code bytes} as an ISO-8859-1 string, for readable assertion messages. */
  public static String text(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
