package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.testing.WireForm;
import io.mdpop3j.core.wire.WireSize;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder against the byte-at-a-time model in {@link WireForm}, over seeded random messages
 * large enough for its word-at-a-time path (lines of every length and line end, dots at line
 * starts, lines across the server's 128 KiB steps) and over every way of cutting short messages
 * into steps. Every encode also checks that the encoder stays inside the space it may use.
 */
class WireEncoderDifferentialTest {

  /** The server's step (ReplyWriter.CHUNK). */
  private static final int STEP = 128 * 1024;

  /** Written around each step's output space; must survive every encode. */
  private static final byte GUARD = (byte) 0xA5;

  /** Bytes in front of each step in the source array; they must never be read as message. */
  private static final byte[] DECOY = {'\n', '.', '\r', '\n', '.'};

  /**
   * A message of about {@code targetSize} bytes built of lines whose bodies, line ends and dots are
   * drawn from {@code random}; lines longer than a step only if {@code longLines}.
   */
  private static byte[] randomMessage(Random random, int targetSize, boolean longLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(targetSize + 64);
    while (out.size() < targetSize) {
      int kind = random.nextInt(100);
      int length;
      if (kind < 10) {
        length = 0;
      } else if (kind < 25) {
        length = 1 + random.nextInt(9);
      } else if (kind < 97 || !longLines) {
        length = 10 + random.nextInt(90);
      } else {
        length = STEP - 100 + random.nextInt(STEP / 2);
      }
      if (random.nextInt(8) == 0) {
        out.write('.');
        if (random.nextInt(3) == 0) {
          out.write('.');
        }
      }
      for (int i = 0; i < length; i++) {
        int r = random.nextInt(200);
        // Mostly text; now and then a bare CR, a dot or any byte at all inside the line.
        out.write(r == 0 ? '\r' : r == 1 ? '.' : r == 2 ? random.nextInt(256) : 'a' + r % 26);
      }
      int end = random.nextInt(20);
      if (end < 12) {
        out.write('\n');
      } else if (end < 18) {
        out.write('\r');
        out.write('\n');
      } else if (end == 18) {
        out.write('\r');
      } else {
        out.write('\r');
        out.write('\r');
        out.write('\n');
      }
    }
    byte[] message = out.toByteArray();
    // A last line without a line break (or ending in a bare CR) a third of the time.
    return random.nextInt(3) == 0
        ? Arrays.copyOf(message, message.length - 1 - random.nextInt(3))
        : message;
  }

  /**
   * Encodes {@code message} in steps of the given sizes, each step copied behind decoy bytes and
   * written between guard bytes at an odd offset, then checks bytes, size and guards.
   */
  private static void assertEncodesLikeTheModel(byte[] message, int[] steps, String what) {
    WireEncoder encoder = new WireEncoder();
    ByteArrayOutputStream wire = new ByteArrayOutputStream(message.length * 2 + 8);
    int off = 0;
    for (int k = 0; off < message.length; k++) {
      int len = Math.min(steps[Math.min(k, steps.length - 1)], message.length - off);
      byte[] src = new byte[DECOY.length + len + DECOY.length];
      System.arraycopy(DECOY, 0, src, 0, DECOY.length);
      System.arraycopy(message, off, src, DECOY.length, len);
      System.arraycopy(DECOY, 0, src, DECOY.length + len, DECOY.length);
      int dstOff = 3;
      int room = WireEncoder.maxEncodedLength(len);
      byte[] dst = new byte[dstOff + room + 16];
      Arrays.fill(dst, GUARD);
      int n = encoder.encode(src, DECOY.length, len, dst, dstOff);
      for (int g = 0; g < dstOff; g++) {
        assertEquals(GUARD, dst[g], what + ": wrote before dstOff");
      }
      for (int g = dstOff + room; g < dst.length; g++) {
        assertEquals(GUARD, dst[g], what + ": wrote past maxEncodedLength");
      }
      wire.write(dst, dstOff, n);
      off += len;
    }
    byte[] end = new byte[WireEncoder.MAX_FINISH_BYTES];
    wire.write(end, 0, encoder.finish(end, 0));

    byte[] normalized = WireForm.normalized(message);
    assertArrayEquals(WireForm.stuffedAndTerminated(normalized), wire.toByteArray(), what);
    assertEquals(normalized.length, encoder.size(), what + ": size");
    assertEquals(WireSize.of(message), encoder.size(), what + ": size against WireSize");
  }

  @Test
  void randomMessagesInTheServersStepsMatchTheModel() {
    Random random = new Random(19);
    for (int round = 0; round < 60; round++) {
      byte[] message = randomMessage(random, 1 + random.nextInt(3 * STEP), true);
      assertEncodesLikeTheModel(message, new int[] {STEP}, "round " + round);
    }
  }

  @Test
  void shiftingTheFirstStepMovesEveryBoundaryAcrossEveryByteOfAWord() {
    Random random = new Random(20);
    byte[] message = randomMessage(random, 2 * STEP + 500, true);
    for (int first = 1; first <= 80; first++) {
      assertEncodesLikeTheModel(message, new int[] {first, STEP}, "first step " + first);
    }
  }

  @Test
  void randomMessagesInRandomStepsMatchTheModel() {
    Random random = new Random(21);
    for (int round = 0; round < 300; round++) {
      byte[] message = randomMessage(random, 1 + random.nextInt(2000), false);
      int[] steps = new int[1 + random.nextInt(40)];
      for (int k = 0; k < steps.length; k++) {
        steps[k] = 1 + random.nextInt(random.nextBoolean() ? 12 : 300);
      }
      assertEncodesLikeTheModel(message, steps, "round " + round + " " + Arrays.toString(steps));
    }
  }

  @Test
  void everyCutIntoThreeStepsMatchesTheModel() {
    Random random = new Random(22);
    for (int round = 0; round < 12; round++) {
      byte[] message = randomMessage(random, 40 + random.nextInt(40), false);
      for (int a = 1; a < message.length; a++) {
        for (int b = a; b < message.length; b++) {
          int[] steps = {a, b - a == 0 ? message.length : b - a, message.length};
          assertEncodesLikeTheModel(message, steps, "round " + round + " cuts " + a + "," + b);
        }
      }
    }
  }

  @Test
  void everyWayOfCuttingAShortMessageMatchesTheModel() {
    Random random = new Random(23);
    byte[] alphabet = {'\r', '\n', '.', 'a', 'b'};
    for (int round = 0; round < 40; round++) {
      byte[] message = new byte[12];
      for (int i = 0; i < message.length; i++) {
        message[i] = alphabet[random.nextInt(alphabet.length)];
      }
      // Bit i of the mask set: a step ends after byte i.
      for (int mask = 0; mask < 1 << (message.length - 1); mask++) {
        List<Integer> steps = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
          if (i == message.length - 1 || (mask & (1 << i)) != 0) {
            steps.add(i + 1 - start);
            start = i + 1;
          }
        }
        int[] sizes = steps.stream().mapToInt(Integer::intValue).toArray();
        assertEncodesLikeTheModel(message, sizes, WireForm.text(message) + " " + steps);
      }
    }
  }
}
