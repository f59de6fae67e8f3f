package io.mdpop3j.bench.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.protocol.WireEncoder;
import io.mdpop3j.core.wire.WireSize;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The client's own expectation must agree with the core's encoder, written independently. */
class BenchMessagesTest {
  @Test
  void storedMessagesHaveTheAskedSizeAndDotShare() {
    byte[] m = BenchMessages.stored(5, 100_000, 50);
    assertEquals(100_000, m.length);
    assertEquals('\n', m[m.length - 1]);
    int lines = 0;
    int dots = 0;
    for (int i = 0; i < m.length; i++) {
      if (i == 0 || m[i - 1] == '\n') {
        lines++;
        if (m[i] == '.') {
          dots++;
        }
      }
    }
    double share = dots / (double) lines;
    assertTrue(share > 0.03 && share < 0.07, "dot share " + share);
  }

  @Test
  void expectedWireFormIsWhatTheCoreEncoderSends() {
    for (int dots : new int[] {0, 50, 1000}) {
      byte[] stored = BenchMessages.stored(9, 20_000, dots);
      WireEncoder e = new WireEncoder();
      byte[] dst = new byte[2 * stored.length + 8];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(dst, 0, e.encode(stored, 0, stored.length, dst, 0));
      out.write(dst, 0, e.finish(dst, 0));
      assertArrayEquals(out.toByteArray(), BenchMessages.wire(stored));
      assertEquals(WireSize.of(stored), BenchMessages.wireSize(stored));
    }
  }

  @Test
  void idLineNamesTheMessage() {
    byte[] stored = BenchMessages.stored(123, 300, 0);
    String first = new String(stored, 0, indexOf(stored, (byte) '\n'), UTF_8);
    assertArrayEquals(new long[] {123, 300, 0}, BenchMessages.parseIdLine(first));
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
