package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads client lines with a hard length limit, keeping what was read ahead so that pipelined
 * commands (RFC 2449 section 6.6) are answered in one batch.
 */
final class LineReader {

  /**
   * The longest line accepted, CRLF included. RFC 2449 allows commands of 255 octets; Dovecot
   * accepts 2048, which also leaves room for SASL responses.
   */
  static final int MAX_LINE_LENGTH = 2048;

  /** Called before a read that may block, so buffered replies go out first. */
  interface BeforeBlocking {
    void run() throws IOException;
  }

  private final InputStream in;
  private final BeforeBlocking beforeBlocking;
  private static final int INITIAL_BUFFER = 512;

  // Starts small so an idle session costs little; grows to twice the line limit at most; dropped
  // by release() while a parked session has nothing buffered.
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int start;
  private int end;

  LineReader(InputStream in, BeforeBlocking beforeBlocking) {
    this.in = in;
    this.beforeBlocking = beforeBlocking;
  }

  /**
   * The next line without its line break (CRLF, or a bare LF), one char per octet (ISO-8859-1), so
   * a password reaches the authenticator as the exact bytes the client sent; null at end of input.
   *
   * @throws LineTooLongException when no line break comes within {@link #MAX_LINE_LENGTH} octets
   */
  String readLine() throws IOException {
    if (buffer == null) {
      buffer = new byte[INITIAL_BUFFER];
    }
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          if (i + 1 - start > MAX_LINE_LENGTH) {
            // A long line that arrived in one read is as long as one that arrived in pieces.
            throw new LineTooLongException();
          }
          int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      scanned = end;
      if (end - start >= MAX_LINE_LENGTH) {
        throw new LineTooLongException();
      }
      if (end == buffer.length) {
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          scanned -= start;
          end -= start;
          start = 0;
        } else {
          buffer =
              java.util.Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_LENGTH * 2));
        }
      }
      if (in.available() <= 0) {
        // Flush only when the read may block: commands the client pipelined are already here and
        // get their replies in one batch, however small this buffer is (RFC 2449 section 6.6).
        beforeBlocking.run();
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return null;
      }
      end += n;
    }
  }

  /**
   * Drops the buffer if it holds nothing, for a session about to park; a partial line is kept, so
   * the rest of it completes it and the line limit still counts it.
   */
  void release() {
    if (start == end) {
      buffer = null;
      start = 0;
      end = 0;
    }
  }

  /** Whether bytes the client sent are waiting here, unread. */
  boolean hasBufferedInput() {
    return end > start;
  }

  /** Whether a whole line is waiting here, so the next {@link #readLine} will not block. */
  boolean hasBufferedLine() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '\n') {
        return true;
      }
    }
    return false;
  }
}
