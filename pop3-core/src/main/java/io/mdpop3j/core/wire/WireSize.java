package io.mdpop3j.core.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the octets of a message's wire form before dot-stuffing and without the terminating {@code
 * .} line: the size RFC 1939 section 11 asks STAT, LIST and RETR to report. It agrees byte for byte
 * with the server's wire encoder. Feed bytes with {@link #update}, read with {@link #size}.
 */
public final class WireSize {

  /** A count at zero octets. */
  public WireSize() {}

  private long count;
  private boolean lastWasCr;
  private boolean lastWasLf = true;

  /** The wire size of a whole message held in {@code message}. */
  public static long of(byte[] message) {
    WireSize size = new WireSize();
    size.update(message, 0, message.length);
    return size.size();
  }

  /** The wire size of everything {@code in} yields; the stream is read to its end, not closed. */
  public static long of(InputStream in) throws IOException {
    WireSize size = new WireSize();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      size.update(buffer, 0, n);
    }
    return size.size();
  }

  /** Adds {@code len} bytes of the message. */
  public void update(byte[] src, int off, int len) {
    if (len <= 0) {
      return;
    }
    long added = len;
    boolean prevCr = lastWasCr;
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte b = src[i];
      if (b == '\n' && !prevCr) {
        added++;
      }
      prevCr = b == '\r';
    }
    count += added;
    lastWasCr = prevCr;
    lastWasLf = src[end - 1] == '\n';
  }

  /** The wire size of the bytes added so far, counting the line break a last line would get. */
  public long size() {
    if (count == 0 || lastWasLf) {
      return count;
    }
    return count + (lastWasCr ? 1 : 2);
  }
}
