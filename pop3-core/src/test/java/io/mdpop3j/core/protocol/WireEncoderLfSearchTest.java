package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder's eight-bytes-at-a-time copy up to the next LF stops exactly where a byte loop stops
 * and copies the same bytes.
 */
class WireEncoderLfSearchTest {

  /** {@link WireEncoder#copyToLf} into a fresh buffer, checking the bytes it copied. */
  private static int indexOfLf(byte[] a, int from, int end) {
    byte[] dst = new byte[a.length + 16];
    int lf = WireEncoder.copyToLf(a, from, end, dst, 3);
    assertArrayEquals(
        Arrays.copyOfRange(a, from, lf),
        Arrays.copyOfRange(dst, 3, 3 + lf - from),
        () -> "copied run of " + Arrays.toString(a) + " from " + from);
    return lf;
  }

  private static int byteLoop(byte[] a, int from, int end) {
    for (int i = from; i < end; i++) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return end;
  }

  @Test
  void theFirstLfIsFoundAtEveryPositionOfAWordFromEveryStart() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at <= len; at++) {
        for (int from = 0; from <= Math.min(at, 9); from++) {
          byte[] a = new byte[len + 1];
          Arrays.fill(a, (byte) 0x0B);
          if (at < len) {
            a[at] = '\n';
          }
          a[len] = '\n';
          assertEquals(at, indexOfLf(a, from, len), "len " + len + " from " + from);
        }
      }
    }
  }

  @Test
  void bytesThatDifferFromLfInOneBitAreNotLf() {
    // 0x0B, 0x0E, 0x08, 0x8A, 0x4A and 0x2A differ from LF (0x0A) in one bit; the SWAR test must
    // flag only a whole zero byte of the XOR, never a neighbour through a borrow.
    byte[] near = {0x0B, 0x0E, 0x08, (byte) 0x8A, 0x4A, 0x2A, 0x00, (byte) 0xFF, 0x09, 0x01};
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] a = new byte[random.nextInt(64)];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextInt(40) == 0 ? (byte) '\n' : near[random.nextInt(near.length)];
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length + 1);
      assertEquals(
          byteLoop(a, from, a.length), indexOfLf(a, from, a.length), () -> Arrays.toString(a));
    }
  }

  @Test
  void noLfMeansTheEnd() {
    byte[] a = new byte[100];
    Arrays.fill(a, (byte) 'x');
    assertEquals(100, indexOfLf(a, 0, 100));
    assertEquals(50, indexOfLf(a, 3, 50));
  }
}
