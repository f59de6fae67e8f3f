package io.mdpop3j.core.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

  // Bytes move eight at a time (SWAR): each word is stored to the output as it is read and tested
  // for LF in the same step, so a line costs one pass and no System.arraycopy call (that call's
  // fixed cost dominated on lines of 20 to 80 bytes). Only an LF and a line-start dot take a
  // separate step.
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private boolean atLineStart = true;
  private boolean lastWasCr;
  private boolean empty = true;
  private long size;

  /**
   * Copies {@code src[from..)} to {@code dst[at..)} up to the first LF before {@code end} and
   * returns that LF's index, or {@code end}. Copies whole words while one fits before {@code end},
   * so up to seven bytes past the copied run may be overwritten in {@code dst}.
   */
  static int copyToLf(byte[] src, int from, int end, byte[] dst, int at) {
    int i = from;
    int d = at;
    for (; i <= end - 8; i += 8, d += 8) {
      long w = (long) LONGS.get(src, i);
      LONGS.set(dst, d, w);
      long x = w ^ LFS;
      // The lowest byte flagged here is exactly the first zero byte of x, the first LF: a borrow
      // can only flag bytes above a zero byte, never below it.
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < end; i++, d++) {
      byte b = src[i];
      if (b == '\n') {
        return i;
      }
      dst[d] = b;
    }
    return end;
  }

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
   * Encodes {@code src[off..off+len)} into {@code dst} from {@code dstOff}. The encoder may use all
   * of {@code dst[dstOff..dstOff+maxEncodedLength(len))} as scratch space: bytes there past the
   * returned count are left undefined.
   *
   * @return the number of bytes written
   */
  public int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    if (len <= 0) {
      return 0;
    }
    empty = false;
    int end = off + len;
    int i = off;
    int d = dstOff;
    int stuffed = 0;
    if (atLineStart && src[i] == '.') {
      dst[d++] = '.';
      stuffed++;
    }
    // An LF first in the step looks back at the previous step's last byte; every later LF has
    // the byte before it in src.
    if (src[i] == '\n') {
      if (!lastWasCr) {
        dst[d++] = '\r';
      }
      dst[d++] = '\n';
      i++;
      if (i < end && src[i] == '.') {
        dst[d++] = '.';
        stuffed++;
      }
    }
    while (i < end) {
      int lf = copyToLf(src, i, end, dst, d);
      d += lf - i;
      if (lf == end) {
        break;
      }
      if (src[lf - 1] != '\r') {
        dst[d++] = '\r';
      }
      dst[d++] = '\n';
      i = lf + 1;
      if (i < end && src[i] == '.') {
        dst[d++] = '.';
        stuffed++;
      }
    }
    byte last = src[end - 1];
    atLineStart = last == '\n';
    lastWasCr = last == '\r';
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
