package io.mdpop3j.bench.proposal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.wire.WireSize;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarProposalTest {

  private static final byte[] ALPHABET = {'a', 'b', '.', '\r', '\n', '\n', ' ', 'x', '.', '\r'};

  @Test
  void swarSizeCountsTheSameAsTheCoreCounterForAnyInputAndChunking() {
    Random random = new Random(7);
    for (int round = 0; round < 3000; round++) {
      byte[] input = randomMessage(random);
      int[] cuts = randomCuts(random, input.length);
      WireSize core = new WireSize();
      SwarWireSize swar = new SwarWireSize();
      int from = 0;
      for (int cut : cuts) {
        core.update(input, from, cut - from);
        swar.update(input, from, cut - from);
        from = cut;
      }
      assertEquals(core.size(), swar.size(), "round " + round);
    }
  }

  private static byte[] randomMessage(Random random) {
    int n = random.nextInt(200);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'z';
    }
    return b;
  }

  private static int[] randomCuts(Random random, int length) {
    java.util.List<Integer> cuts = new java.util.ArrayList<>();
    int at = 0;
    while (at < length) {
      at = Math.min(length, at + 1 + random.nextInt(20));
      cuts.add(at);
    }
    if (cuts.isEmpty()) {
      cuts.add(0);
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }
}
