package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's message order, on real Maildirs: the delivery time a name carries (seconds, then
 * {@code M<microseconds>}), ties by base name; the modification time only for names that carry no
 * time. Modification times are set against the names' times throughout, so that a test passes only
 * when the names decide.
 */
class NameTimeOrderTest {
  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void setUp() {
    maildir = TestMaildir.create(home);
  }

  private List<String> uids() throws Exception {
    try (Mailbox box = maildir.open()) {
      return TestMaildir.uids(box);
    }
  }

  @Test
  void namesWithSecondsOnlyAreOrderedByTheirSecondsNotByTheirModificationTimes() throws Exception {
    maildir.put("new", "1700000300.12345.host", "c\n", 1);
    maildir.put("new", "1700000100.12345.host", "a\n", 3);
    maildir.put("new", "1700000200.12345_0.host", "b\n", 2);
    assertEquals(
        List.of("1700000100.12345.host", "1700000200.12345_0.host", "1700000300.12345.host"),
        uids());
  }

  @Test
  void microsecondsOrderTheMessagesOfOneSecondWhateverTheirPlaceInTheName() throws Exception {
    // By base name alone the order would be the reverse: "M2…" < "M9…" < "V…".
    maildir.put("new", "1700000000.V803I2a3b4cM000001.host", "first\n", 9);
    maildir.put("new", "1700000000.M900000P1.host", "third\n", 1);
    maildir.put("new", "1700000000.M20P1Q7.host", "second\n", 5);
    assertEquals(
        List.of(
            "1700000000.V803I2a3b4cM000001.host",
            "1700000000.M20P1Q7.host",
            "1700000000.M900000P1.host"),
        uids());
  }

  @Test
  void newAndCurAreOrderedTogetherByTheTimesInTheirNames() throws Exception {
    maildir.put("cur", "1700000004.M1P1.host,S=3,W=4:2,S", "d\n", 0);
    maildir.put("new", "1700000001.M1P1.host", "a\n", 40);
    maildir.put("cur", "1700000002.M1P1.host:2,", "b\n", 30);
    maildir.put("new", "1700000003.M1P1.host,S=3,W=4", "c\n", 20);
    assertEquals(
        List.of(
            "1700000001.M1P1.host",
            "1700000002.M1P1.host",
            "1700000003.M1P1.host,S=3,W=4",
            "1700000004.M1P1.host,S=3,W=4"),
        uids());
  }

  @Test
  void namesOfTheSameTimeAreOrderedByBaseName() throws Exception {
    // No microseconds (R, Q, _ forms), or the same ones: the base name decides, byte by byte.
    maildir.put("cur", "1700000000.R9a1b2c.host:2,S", "c\n", 1);
    maildir.put("new", "1700000000.M5P2.host", "b\n", 2);
    maildir.put("new", "1700000000.M5P1.host", "a\n", 3);
    maildir.put("new", "1700000000.Q12.host", "d\n", 0);
    maildir.put("new", "1700000000.12345_0.host", "e\n", 4);
    assertEquals(
        List.of(
            "1700000000.12345_0.host",
            "1700000000.Q12.host",
            "1700000000.R9a1b2c.host",
            "1700000000.M5P1.host",
            "1700000000.M5P2.host"),
        uids());
  }

  @Test
  void namesWithoutATimeTakeTheirModificationTimeInTheSameScaleAsTimedNames() throws Exception {
    // T0 is 1700000000: "middle" was modified at second 150, between the two timed names.
    maildir.put("new", "1700000100.M1P1.host", "a\n", 900);
    maildir.put("new", "1700000200.12345.host", "c\n", 0);
    maildir.put("cur", "middle-message:2,S", "b\n", 150);
    maildir.put("cur", "oldest-message:2,S", "z\n", 50);
    // Same second as a timed name, no microseconds either: the base name decides ('1' < 'l').
    maildir.put("new", "late-message", "y\n", 200);
    assertEquals(
        List.of(
            "oldest-message",
            "1700000100.M1P1.host",
            "middle-message",
            "1700000200.12345.host",
            "late-message"),
        uids());
  }

  @Test
  void aToolTouchingAFileDoesNotReorderTimedNamesInTheNextSession() throws Exception {
    Path first = maildir.put("cur", "1700000001.M1P1.host:2,S", "a\n", 1);
    maildir.put("cur", "1700000002.M1P1.host:2,S", "b\n", 2);
    maildir.put("new", "1700000003.M1P1.host,S=2,W=3", "c\n", 3);
    List<String> before = uids();
    // A backup restore, an indexer or `touch` gives the oldest message the newest time.
    TestMaildir.setTimes(first, TestMaildir.T0 + 10_000);
    assertEquals(before, uids(), "with the size cache");
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withSizeCache(false))) {
      assertEquals(before, TestMaildir.uids(box), "without it");
    }
  }

  @Test
  void aFirstOpenOfNamesThatCarryTimeAndWireSizeStatsNoFile() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String base = (1700000000 + i) + ".M" + i + "P1.host,S=2,W=3";
      // Modification times in the reverse order, one absurd: only the names can give the order.
      long second = i == 7 ? -TestMaildir.T0 + 1 : 100 - i;
      maildir.put(i % 2 == 0 ? "cur" : "new", i % 2 == 0 ? base + ":2,S" : base, "m\n", second);
      expected.add(base);
    }
    MaildirScanner.Scan scan = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertEquals(0, scan.stats(), "no file stat'ed");
    assertTrue(scan.listed());
    assertEquals(expected, scan.found().stream().map(f -> f.base).toList());
    scan.cacheWrite().get();
    SizeCache.Line line = SizeCache.read(maildir.dir).lines().get(0);
    assertEquals(
        new SizeCache.Entry(1_700_000_000_000L, 2, 3), line.entry(), "name's time, S= length");
  }

  @Test
  void aNameWithoutAWireSizeIsStatedForItsSizeOnlyAndStillOrderedByItsName() throws Exception {
    maildir.put("new", "1700000002.M1P1.host,W=3", "b\n", 1);
    maildir.put("new", "1700000001.M1P1.host", "a\n", 2);
    MaildirScanner.Scan scan = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertEquals(1, scan.stats(), "only the name that carries no size");
    assertEquals(
        List.of("1700000001.M1P1.host", "1700000002.M1P1.host,W=3"),
        scan.found().stream().map(f -> f.base).toList());
  }

  @Test
  void statSizesFromCommaSNamesNeedNoStatEither() throws Exception {
    maildir.put("new", "1700000002.M1P1.host,S=2", "b\n", 1);
    maildir.put("new", "1700000001.M1P1.host,S=2", "a\n", 2);
    MaildirScanner.Scan scan = scanned(maildir.dir, Sizes.STAT, true, true);
    assertEquals(0, scan.stats());
    assertEquals(
        List.of("1700000001.M1P1.host,S=2", "1700000002.M1P1.host,S=2"),
        scan.found().stream().map(f -> f.base).toList());
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withSizes(Sizes.STAT))) {
      assertEquals(2, box.messages().get(0).size());
    }
  }

  @Test
  void namesMovedToCurSinceTheCacheWasWrittenAreSizedFromItWithoutStat() throws Exception {
    List<Path> delivered = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      delivered.add(maildir.put("new", (1700000000 + i) + ".M" + i + "P1.host", "m\n", i));
    }
    MaildirScanner.Scan first = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertEquals(20, first.stats(), "plain names are sized once");
    // What a session's QUIT does to the messages it did not delete; one is rewritten as well,
    // which no Maildir program does, to show that its cached size is what is served.
    for (Path file : delivered) {
      Files.move(file, maildir.dir.resolve("cur").resolve(file.getFileName() + ":2,S"));
    }
    Files.writeString(maildir.dir.resolve("cur/1700000003.M3P1.host:2,S"), "longer\n");

    MaildirScanner.Scan warm = scanned(maildir.dir, Sizes.EXACT, true, true);

    assertEquals(0, warm.stats(), "a rename keeps a file's bytes");
    assertEquals(20, warm.found().size());
    assertEquals(3, warm.found().get(3).size, "the cached size of the renamed name");
    assertEquals("1700000003.M3P1.host", warm.found().get(3).base);
    // Rewritten in place (same folder, same flags) while the folders' stamp is not settled: the
    // stat still catches it.
    Files.writeString(maildir.dir.resolve("cur/1700000004.M4P1.host:2,S"), "longer\n");
    TestMaildir.setTimes(maildir.dir.resolve("cur/1700000004.M4P1.host:2,S"), TestMaildir.T0 + 50);
    MaildirScanner.Scan checked = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertEquals(8, checked.found().get(4).size, "re-sized: it changed in place");
  }

  @Test
  void aCacheWrittenInModificationTimeOrderIsNotTakenAsTheSnapshot() throws Exception {
    // Modification times run against the names, as the cache of a version before issue 19,
    // which ordered by modification time, would list them.
    maildir.put("cur", "1700000001.M1P1.host,W=3:2,S", "a\n", 3);
    maildir.put("cur", "1700000002.M1P1.host,W=3:2,S", "b\n", 2);
    maildir.put("cur", "1700000003.M1P1.host,W=3:2,S", "c\n", 1);
    long waitUntil = System.nanoTime() + DirStamps.SETTLE_NANOS + 100_000_000L;
    while (System.nanoTime() < waitUntil) {
      Thread.sleep(50);
    }
    String stamp = DirStamps.read(maildir.dir).token();
    assertTrue(DirStamps.read(maildir.dir).settled());
    List<SizeCache.Line> oldOrder = new ArrayList<>();
    for (int i = 3; i >= 1; i--) {
      long mtime = (TestMaildir.T0 + 4 - i) * 1000;
      oldOrder.add(
          new SizeCache.Line(
              "170000000" + i + ".M1P1.host,W=3",
              new SizeCache.Entry(mtime, 2, 3),
              MaildirScanner.CUR,
              ":2,S"));
    }
    SizeCache.store(maildir.dir, new SizeCache.Contents(stamp, oldOrder));
    assertNotNull(SizeCache.read(maildir.dir).listing());
    MaildirScanner.Scan scan = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertTrue(scan.listed(), "the old order is not a snapshot of the new rule");
    assertEquals(
        List.of("1700000001.M1P1.host,W=3", "1700000002.M1P1.host,W=3", "1700000003.M1P1.host,W=3"),
        scan.found().stream().map(f -> f.base).toList());
    scan.cacheWrite().get();
    // Rewritten in the new order: the next open takes it whole.
    MaildirScanner.Scan again = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertFalse(again.listed());
    assertEquals(
        scan.found().stream().map(f -> f.base).toList(),
        again.found().stream().map(f -> f.base).toList());
  }

  /**
   * A scan whose background cache write has finished, so nothing writes into the Maildir after the
   * test (the temporary folder's deletion would race it).
   */
  private static MaildirScanner.Scan scanned(
      java.nio.file.Path dir, Sizes sizes, boolean useCache, boolean trustStamps) throws Exception {
    MaildirScanner.Scan scan = MaildirScanner.scan(dir, sizes, useCache, trustStamps);
    if (scan.cacheWrite() != null) {
      scan.cacheWrite().get();
    }
    return scan;
  }
}
