package io.mdpop3j.core.protocol;

/**
 * Turns stored message bytes into their POP3 wire form while they stream (RFC 1939 section 3): a
 * bare LF becomes CRLF, an existing CRLF is kept, a line starting with {@code .} gets one more
 * {@code .}, a message that does not end in a line break gets CRLF, and {@link #finish} adds the
 * terminating {@code .} CRLF. One instance encodes one message.
 *
 * <p>Output never exceeds {@code 2 * len} bytes for {@code len} input bytes, plus {@link
 * #MAX_FINISH_BYTES} at the end.
 */
public final class WireEncoder {

  /** The most bytes {@link #finish} writes. */
  public static final int MAX_FINISH_BYTES = 5;

  private boolean atLineStart = true;
  private boolean lastWasCr;
  private boolean empty = true;

  /** The space {@code dst} needs for {@link #encode} of {@code len} bytes. */
  public static int maxEncodedLength(int len) {
    return 2 * len;
  }

  /**
   * Encodes {@code src[off..off+len)} into {@code dst} from {@code dstOff}.
   *
   * @return the number of bytes written
   */
  public int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int end = off + len;
    int i = off;
    int d = dstOff;
    if (len > 0) {
      empty = false;
    }
    while (i < end) {
      if (atLineStart) {
        if (src[i] == '.') {
          dst[d++] = '.';
        }
        atLineStart = false;
      }
      int lf = i;
      while (lf < end && src[lf] != '\n') {
        lf++;
      }
      int run = lf - i;
      System.arraycopy(src, i, dst, d, run);
      d += run;
      if (lf == end) {
        if (run > 0) {
          lastWasCr = src[lf - 1] == '\r';
        }
        break;
      }
      boolean crBefore = run > 0 ? src[lf - 1] == '\r' : lastWasCr;
      if (!crBefore) {
        dst[d++] = '\r';
      }
      dst[d++] = '\n';
      atLineStart = true;
      lastWasCr = false;
      i = lf + 1;
    }
    return d - dstOff;
  }

  /**
   * Ends the message: a line break if the last line lacks one, then {@code .} CRLF.
   *
   * @return the number of bytes written, at most {@link #MAX_FINISH_BYTES}
   */
  public int finish(byte[] dst, int dstOff) {
    int d = dstOff;
    if (!empty && !atLineStart) {
      if (!lastWasCr) {
        dst[d++] = '\r';
      }
      dst[d++] = '\n';
    }
    dst[d++] = '.';
    dst[d++] = '\r';
    dst[d++] = '\n';
    return d - dstOff;
  }
}
