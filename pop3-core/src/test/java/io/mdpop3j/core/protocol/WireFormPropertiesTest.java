package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.testing.WireForm;
import io.mdpop3j.core.wire.WireSize;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the encoder, the size function and the TOP limiter over random messages made mostly
 * of CR, LF and dots, fed in random chunks.
 */
class WireFormPropertiesTest {

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<Byte> tricky = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '.', (byte) 'a');
    Arbitrary<Byte> any = Arbitraries.bytes();
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, tricky), net.jqwik.api.Tuple.of(1, any))
        .list()
        .ofMaxSize(300)
        .map(
            list -> {
              byte[] bytes = new byte[list.size()];
              for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i);
              }
              return bytes;
            });
  }

  @Property(tries = 1000)
  void encoderMatchesTheReferenceModelForAnyChunking(
      @ForAll("messages") byte[] message,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 7) Integer> chunks) {
    byte[] expected = WireForm.stuffedAndTerminated(WireForm.normalized(message));
    assertArrayEquals(expected, WireForm.encode(message, chunks));
  }

  @Property(tries = 1000)
  void wireSizeIsTheEncodedOutputLessStuffedDotsAndTerminator(
      @ForAll("messages") byte[] message,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 7) Integer> chunks) {
    byte[] encoded = WireForm.encode(message, chunks);
    long stuffedDots = 0;
    boolean lineStart = true;
    for (int i = 0; i < encoded.length - 3; i++) {
      if (lineStart && encoded[i] == '.') {
        stuffedDots++;
      }
      lineStart = encoded[i] == '\n';
    }
    long expected = encoded.length - 3 - stuffedDots;

    WireSize chunked = new WireSize();
    int off = 0;
    int k = 0;
    while (off < message.length) {
      int len =
          Math.min(
              chunks.isEmpty() ? message.length : chunks.get(k++ % chunks.size()),
              message.length - off);
      chunked.update(message, off, len);
      off += len;
    }
    assertEquals(expected, chunked.size(), "chunked WireSize");
    assertEquals(expected, WireSize.of(message), "whole-array WireSize");
    assertEquals(expected, WireForm.unstuffed(encoded).length, "un-stuffed output");
  }

  @Property(tries = 1000)
  void theEncoderCountsTheSameSizeAsWireSizeForAnyChunking(
      @ForAll("messages") byte[] message,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 7) Integer> chunks) {
    WireEncoder encoder = new WireEncoder();
    byte[] out = new byte[WireEncoder.maxEncodedLength(message.length) + 8];
    int off = 0;
    int k = 0;
    while (off < message.length) {
      int len =
          Math.min(
              chunks.isEmpty() ? message.length : chunks.get(k++ % chunks.size()),
              message.length - off);
      encoder.encode(message, off, len, out, 0);
      off += len;
    }
    encoder.finish(out, 0);
    assertEquals(WireSize.of(message), encoder.size());
  }

  @Property(tries = 500)
  void theTerminatorAppearsOnlyAtTheEnd(@ForAll("messages") byte[] message) {
    String out = WireForm.text(WireForm.encode(message, List.of(3)));
    int first = ("\r\n" + out).indexOf("\r\n.\r\n");
    assertEquals(out.length() - 3, first, out);
  }

  @Property(tries = 500)
  void everyLfOnTheWireFollowsACr(@ForAll("messages") byte[] message) {
    byte[] out = WireForm.encode(message, List.of(2, 5));
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        assertEquals('\r', out[i - 1], "bare LF at " + i);
      }
    }
  }

  @Property(tries = 500)
  void topOutputDoesNotDependOnChunking(
      @ForAll("messages") byte[] message,
      @ForAll @IntRange(min = 0, max = 5) int lines,
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 7) Integer> chunks) {
    assertArrayEquals(
        WireForm.encodeTop(message, List.of(), lines), WireForm.encodeTop(message, chunks, lines));
  }

  @Property(tries = 500)
  void topIsAPrefixOfTheWholeMessage(
      @ForAll("messages") byte[] message, @ForAll @IntRange(min = 0, max = 5) int lines) {
    byte[] whole = WireForm.unstuffed(WireForm.encode(message, List.of()));
    byte[] top = WireForm.unstuffed(WireForm.encodeTop(message, List.of(), lines));
    assertArrayEquals(java.util.Arrays.copyOf(whole, top.length), top);
  }
}
