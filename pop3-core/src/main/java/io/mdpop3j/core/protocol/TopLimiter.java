package io.mdpop3j.core.protocol;

/**
 * Decides how much of a message TOP sends (RFC 1939 section 7): the header, the blank line that
 * ends it, and at most {@code bodyLines} lines of the body. Feed the stored bytes in order; each
 * call says how many bytes of the chunk to send.
 */
public final class TopLimiter {

  private final long bodyLines;
  private boolean inHeader = true;
  private boolean lineEmpty = true;
  private long linesSent;
  private boolean done;

  /** A limiter for {@code bodyLines} body lines ({@code >= 0}). */
  public TopLimiter(long bodyLines) {
    if (bodyLines < 0) {
      throw new IllegalArgumentException("bodyLines must be >= 0, was " + bodyLines);
    }
    this.bodyLines = bodyLines;
    this.done = false;
  }

  /** How many bytes of {@code src[off..off+len)} to send; 0 once the limit is reached. */
  public int accept(byte[] src, int off, int len) {
    if (done) {
      return 0;
    }
    if (!inHeader && linesSent >= bodyLines) {
      done = true;
      return 0;
    }
    for (int i = off; i < off + len; i++) {
      byte b = src[i];
      if (b != '\n') {
        if (b != '\r') {
          lineEmpty = false;
        }
        continue;
      }
      if (inHeader) {
        if (lineEmpty) {
          inHeader = false;
        }
      } else {
        linesSent++;
      }
      lineEmpty = true;
      if (!inHeader && linesSent >= bodyLines) {
        done = true;
        return i + 1 - off;
      }
    }
    return len;
  }

  /** Whether no more bytes will be accepted. */
  public boolean isDone() {
    return done;
  }
}
