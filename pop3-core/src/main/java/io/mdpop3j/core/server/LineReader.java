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

  /**
   * The longest SASL line (AUTH with an initial response, or an answer to a challenge): OAuth
   * bearer tokens run to several kilobytes, and base64 adds a third.
   */
  static final int MAX_SASL_LINE_LENGTH = 16 * 1024;

  private final InputStream in;
  private static final int INITIAL_BUFFER = 512;

  // Starts small so an idle session costs little; grows to twice the line limit at most; dropped
  // by release() while a parked session has nothing buffered.
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int start;
  private int end;
  // Where the search for the next line break goes on: octets before it hold none.
  private int scanned;
  private boolean ended;
  private boolean saslResponseDue;
  private boolean skipping;

  LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next whole line already read, without its line break (CRLF, or a bare LF), one char per
   * octet (ISO-8859-1), so a password reaches the authenticator as the exact bytes the client sent;
   * null when no whole line is here yet.
   *
   * @throws LineTooLongException when no line break comes within {@link #MAX_LINE_LENGTH} octets
   */
  String bufferedLine() throws LineTooLongException {
    if (skipping && !skipToLineEnd()) {
      return null;
    }
    int limit = limit();
    for (int i = Math.max(scanned, start); i < end; i++) {
      if (buffer[i] == '\n') {
        if (i + 1 - start > limit) {
          // A long line that arrived in one read is as long as one that arrived in pieces.
          throw new LineTooLongException(limit == MAX_SASL_LINE_LENGTH);
        }
        int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
        String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
        start = i + 1;
        scanned = start;
        return line;
      }
    }
    scanned = end;
    if (end - start >= limit) {
      throw new LineTooLongException(limit == MAX_SASL_LINE_LENGTH);
    }
    return null;
  }

  /** The longest line allowed for the line now at the head of the buffer. */
  private int limit() {
    return saslResponseDue || startsWithAuth() ? MAX_SASL_LINE_LENGTH : MAX_LINE_LENGTH;
  }

  private boolean startsWithAuth() {
    if (end - start < 5) {
      return false;
    }
    return (buffer[start] | 0x20) == 'a'
        && (buffer[start + 1] | 0x20) == 'u'
        && (buffer[start + 2] | 0x20) == 't'
        && (buffer[start + 3] | 0x20) == 'h'
        && buffer[start + 4] == ' ';
  }

  /**
   * The next line answers a SASL challenge, so it may be as long as {@link #MAX_SASL_LINE_LENGTH}.
   */
  void saslResponseDue(boolean due) {
    saslResponseDue = due;
  }

  /**
   * Drops the over-long line at the head of the input, up to and including its line break, however
   * much of it is still to come; the line after it is read as usual.
   */
  void skipLine() {
    skipping = true;
    skipToLineEnd();
  }

  /** Discards buffered octets up to the next line break; true once it has been passed. */
  private boolean skipToLineEnd() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '\n') {
        start = i + 1;
        scanned = start;
        skipping = false;
        return true;
      }
    }
    start = 0;
    end = 0;
    scanned = 0;
    return false;
  }

  /**
   * Whether the next {@link #readMore} may block: nothing the client sent is waiting in the
   * transport. Replies are flushed only then, so pipelined commands (RFC 2449 section 6.6) get
   * their replies in one batch.
   */
  boolean mayBlock() throws IOException {
    return in.available() <= 0;
  }

  /** Reads what the transport has, blocking until something comes; false at end of input. */
  boolean readMore() throws IOException {
    if (buffer == null) {
      buffer = new byte[INITIAL_BUFFER];
    }
    if (end == buffer.length) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        scanned -= start;
        end -= start;
        start = 0;
      } else {
        buffer =
            java.util.Arrays.copyOf(
                buffer, Math.min(buffer.length * 2, MAX_SASL_LINE_LENGTH + MAX_LINE_LENGTH));
      }
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      ended = true;
      return false;
    }
    end += n;
    return true;
  }

  /** Whether the client closed its side: no more input will come. */
  boolean ended() {
    return ended;
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
      scanned = 0;
    }
  }

  /** Whether bytes the client sent are waiting here, unread. */
  boolean hasBufferedInput() {
    return end > start;
  }
}
