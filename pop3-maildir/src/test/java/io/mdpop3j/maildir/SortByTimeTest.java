package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.maildir.MaildirScanner.Found;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The primitive-key sort gives exactly the documented order: time (microseconds, from the name or
 * the modification time), then base name.
 */
class SortByTimeTest {

  private static List<Found> random(Random r, int n, long spread) {
    List<Found> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String base = Long.toString(r.nextInt(1_000_000)) + ".M" + i + ".host";
      Found f = new Found(MaildirScanner.CUR, base + ":2,S", base);
      // Few distinct times, so that many messages share one and the names decide; spreads below
      // and above a second, since the keys hold seconds and runs of one second sort by time.
      f.time = 1_700_000_000_000_000L + (spread == 0 ? 0 : Math.floorMod(r.nextLong(), spread));
      list.add(f);
    }
    return list;
  }

  private static List<String> bases(List<Found> found) {
    List<String> out = new ArrayList<>();
    for (Found f : found) {
      out.add(f.time + " " + f.base);
    }
    return out;
  }

  @Test
  void sameOrderAsTheComparatorWithManyTies() {
    Random r = new Random(7);
    for (long spread : new long[] {0, 1, 3, 50, 1_000_000, 3_000_000, 1_000_000_000_000L}) {
      List<Found> found = random(r, 3000, spread);
      List<Found> expected = new ArrayList<>(found);
      expected.sort(MaildirScanner.ORDER);
      assertEquals(bases(expected), bases(MaildirScanner.sortByTime(found)), "spread " + spread);
    }
  }

  @Test
  void timesTooFarApartForTheKeysFallBackToTheComparator() {
    List<Found> found = random(new Random(9), 100, 1000);
    found.get(3).time = Long.MIN_VALUE / 2;
    found.get(7).time = Long.MAX_VALUE / 2;
    List<Found> expected = new ArrayList<>(found);
    expected.sort(MaildirScanner.ORDER);
    assertEquals(bases(expected), bases(MaildirScanner.sortByTime(found)));
  }

  @Test
  void timesBeforeTheEpochSortLikeTheComparator() {
    // Modification times before 1970 (a name without a time): negative keys, seconds rounded down.
    List<Found> found = random(new Random(11), 2000, 4_000_000);
    for (Found f : found) {
      f.time -= 1_700_000_000_000_000L + 2_000_000;
    }
    List<Found> expected = new ArrayList<>(found);
    expected.sort(MaildirScanner.ORDER);
    assertEquals(bases(expected), bases(MaildirScanner.sortByTime(found)));
  }
}
