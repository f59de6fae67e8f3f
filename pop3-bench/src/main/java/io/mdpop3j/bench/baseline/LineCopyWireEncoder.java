package io.mdpop3j.bench.baseline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * pop3-core's {@code WireEncoder} as it was before the word-copy rewrite (main at 5491d0f): LF
 * found eight bytes at a time, each line copied with {@code System.arraycopy}. Kept only as the
 * same-run baseline of {@code WireEncoderBenchmark}; remove once the new encoder's numbers are
 * settled.
 */
public final class LineCopyWireEncoder {

  /** The most bytes {@link #finish} writes. */
  public static final int MAX_FINISH_BYTES = 5;

  // The search for the next LF reads eight bytes at a time (SWAR): the per-byte cost of the scan
  // drops to a fraction and runs between line breaks go out through System.arraycopy (about 20 %
  // faster on 10 MiB in WireEncoderBenchmark than the byte loop it replaced).
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private boolean atLineStart = true;
  private boolean lastWasCr;
  private boolean empty = true;
  private long size;

  /** The index of the first LF in {@code a[from..end)}, or {@code end}. */
  private static int indexOfLf(byte[] a, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(a, i) ^ LFS;
      // The lowest byte flagged here is exactly the first zero byte of x, the first LF: a borrow
      // can only flag bytes above a zero byte, never below it.
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (a[i] == '\n') {
        return i;
      }
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
      int lf = indexOfLf(src, i, end);
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
