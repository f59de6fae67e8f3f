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
  private long size;

  /**
   * The octets of wire form produced so far, before dot-stuffing and without the terminating {@code
   * .} line: after {@link #finish}, the RFC 1939 size of what was sent, counted in the same pass as
   * the encoding.
   */
  public long size() {
    return size;
  }

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
    int stuffed = 0;
    if (len > 0) {
      empty = false;
    }
    while (i < end) {
      if (atLineStart) {
        if (src[i] == '.') {
          dst[d++] = '.';
          stuffed++;
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
    size += d - dstOff - stuffed;
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
      size += d - dstOff;
    }
    dst[d++] = '.';
    dst[d++] = '\r';
    dst[d++] = '\n';
    return d - dstOff;
  }
}
