package io.mdpop3j.bench.proposal;

/**
 * A proposal for pop3-core's {@code WireSize}, benchmarked beside it: the same count, found by
 * jumping from LF to LF with the eight-bytes-at-a-time search pop3-core's {@code WireEncoder} now
 * uses, instead of testing every byte.
 */
public final class SwarWireSize {

  private long count;
  private boolean lastWasCr;
  private boolean lastWasLf = true;

  /** As {@code WireSize.update}. */
  public void update(byte[] src, int off, int len) {
    if (len <= 0) {
      return;
    }
    int end = off + len;
    long added = len;
    int i = indexOfLf(src, off, end);
    while (i < end) {
      boolean crBefore = i > off ? src[i - 1] == '\r' : lastWasCr;
      if (!crBefore) {
        added++;
      }
      i = indexOfLf(src, i + 1, end);
    }
    count += added;
    lastWasCr = src[end - 1] == '\r';
    lastWasLf = src[end - 1] == '\n';
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * The index of the first LF in {@code a[from..end)}, or {@code end}: as core's encoder finds it.
   */
  private static int indexOfLf(byte[] a, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(a, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
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

  /** As {@code WireSize.size}. */
  public long size() {
    if (count == 0 || lastWasLf) {
      return count;
    }
    return count + (lastWasCr ? 1 : 2);
  }
}
