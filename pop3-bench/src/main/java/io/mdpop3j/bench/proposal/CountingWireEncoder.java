package io.mdpop3j.bench.proposal;

/**
 * A proposal for pop3-core's {@code WireEncoder}, benchmarked beside the current RETR path: the
 * same output byte for byte, and it also counts the RFC 1939 size of what it encoded (octets before
 * dot-stuffing, without the terminating line), so the server can compare it with the size it
 * reported without a second scan of the message ({@code WireSize} in the Maildir store's stream).
 */
public final class CountingWireEncoder {

  private boolean atLineStart = true;
  private boolean lastWasCr;
  private boolean empty = true;
  private long octets;

  /** As {@code WireEncoder.encode}. */
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
    octets += d - dstOff - stuffed;
    return d - dstOff;
  }

  /** As {@code WireEncoder.finish}. */
  public int finish(byte[] dst, int dstOff) {
    int d = dstOff;
    if (!empty && !atLineStart) {
      if (!lastWasCr) {
        dst[d++] = '\r';
      }
      dst[d++] = '\n';
      octets += d - dstOff;
    }
    dst[d++] = '.';
    dst[d++] = '\r';
    dst[d++] = '\n';
    return d - dstOff;
  }

  /** The RFC 1939 size of the message encoded so far (complete after {@link #finish}). */
  public long octets() {
    return octets;
  }
}
