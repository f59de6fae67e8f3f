package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.testing.TestSession;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size cache as a whole snapshot: reused only while {@code new/} and {@code cur/} are as they
 * were when listed, and never for a name that could leave the Maildir.
 */
class ListingCacheTest {
  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void setUp() {
    maildir = TestMaildir.create(home);
  }

  /** Puts three messages and waits until the folders' times are old enough to be trusted. */
  private void settledMaildir() throws Exception {
    maildir.put("cur", "1700000001.M1P1.host:2,S", "one\n", 1);
    maildir.put("cur", "1700000002.M2P1.host:2,", "two\ntwo\n", 2);
    maildir.put("new", "1700000003.M3P1.host", "three\n", 3);
    long waitUntil = System.nanoTime() + DirStamps.SETTLE_NANOS + 100_000_000L;
    while (System.nanoTime() < waitUntil) {
      Thread.sleep(50);
    }
    assertTrue(DirStamps.read(maildir.dir).settled());
    try (Mailbox box = maildir.open()) {
      assertEquals(3, box.messages().size());
    }
    assertNotNull(SizeCache.read(maildir.dir).listing(), "a settled listing is cached");
  }

  @Test
  void aSettledListingIsReusedWithoutStatOrRead() throws Exception {
    settledMaildir();
    // Rewritten in place (which Maildir never does): the folder is unchanged, so only a stat or a
    // read could tell, and the cached listing makes neither.
    Path second = maildir.dir.resolve("cur/1700000002.M2P1.host:2,");
    Files.writeString(second, "a much longer second message\n");
    TestMaildir.setTimes(second, TestMaildir.T0 + 2);
    try (Mailbox box = maildir.open()) {
      assertEquals(
          List.of("1700000001.M1P1.host", "1700000002.M2P1.host", "1700000003.M3P1.host"),
          TestMaildir.uids(box));
      assertEquals(10, box.messages().get(1).size(), "the cached size, not the file's");
    }
  }

  @Test
  void aSettledListingOnALocalDiskIsTheSnapshotWithoutListingTheFolders() throws Exception {
    settledMaildir();
    MaildirScanner.Scan trusted = scanned(maildir.dir, Sizes.EXACT, true, true);
    assertFalse(trusted.listed(), "taken from the cache");
    assertEquals(3, trusted.found().size());
    MaildirScanner.Scan untrusted = scanned(maildir.dir, Sizes.EXACT, true, false);
    assertTrue(untrusted.listed(), "a stamp not trusted never stands for the listing");
    assertEquals(3, untrusted.found().size());
  }

  @Test
  void onALocalDiskADeletionWhoseModificationTimeIsPutBackIsSeenSinceItsChangeTimeMoved()
      throws Exception {
    settledMaildir();
    Path cur = maildir.dir.resolve("cur");
    FileTime before = Files.getLastModifiedTime(cur);
    Files.delete(cur.resolve("1700000001.M1P1.host:2,S"));
    Files.setLastModifiedTime(cur, before);
    MaildirSettings local = MaildirSettings.defaults();
    try (Mailbox box =
        new MaildirStore(local, dir -> FileSystemKind.LOCAL)
            .open(TestSession.plain().as("alice"), maildir.account())) {
      assertEquals(List.of("1700000002.M2P1.host", "1700000003.M3P1.host"), TestMaildir.uids(box));
    }
  }

  @Test
  void aDeliveryRightAfterTheListingIsSeen() throws Exception {
    settledMaildir();
    maildir.put("new", "1700000004.M4P1.host", "four\n", 4);
    try (Mailbox box = maildir.open()) {
      assertEquals(4, box.messages().size());
      assertEquals("1700000004.M4P1.host", box.messages().get(3).uniqueId());
    }
  }

  @Test
  void aRemovalOrRenameByAnotherProgramIsSeen() throws Exception {
    settledMaildir();
    Files.delete(maildir.dir.resolve("cur/1700000001.M1P1.host:2,S"));
    Files.move(
        maildir.dir.resolve("new/1700000003.M3P1.host"),
        maildir.dir.resolve("cur/1700000003.M3P1.host:2,S"));
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of("1700000002.M2P1.host", "1700000003.M3P1.host"), TestMaildir.uids(box));
      assertEquals("three\n", new String(TestMaildir.read(box, 1), US_ASCII));
    }
  }

  @Test
  void ourOwnQuitChangesAreSeenByTheNextSession() throws Exception {
    settledMaildir();
    try (Mailbox box = maildir.open()) {
      box.update(java.util.Set.of(0), java.util.Set.of(1));
    }
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of("1700000002.M2P1.host", "1700000003.M3P1.host"), TestMaildir.uids(box));
      assertEquals("three\n", new String(TestMaildir.read(box, 1), US_ASCII));
    }
    assertTrue(maildir.names("new").isEmpty(), "moved to cur/ at the update");
  }

  @Test
  void foldersChangedInTheLastSecondsAreNotCachedAsAListing() throws Exception {
    maildir.put("new", "1700000001.M1P1.host", "one\n", 1);
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
    }
    SizeCache.Contents cached = SizeCache.read(maildir.dir);
    assertEquals(1, cached.lines().size(), "sizes are cached");
    assertEquals(null, cached.listing(), "but not the listing: the folder may change this tick");
  }

  @Test
  void aCachedNameThatCouldLeaveTheFolderIsNeverServed() throws Exception {
    maildir.put("cur", "1700000001.M1P1.host:2,S", "one\n", 1);
    Files.writeString(home.resolve("secret"), "not mail\n");
    for (String[] bad :
        new String[][] {{"../../secret", ""}, {"1700000001.M1P1.host", "/../../../secret"}}) {
      // A forged cache with the folders' current stamp, as a user who can write the file could.
      SizeCache.store(
          maildir.dir,
          new SizeCache.Contents(
              DirStamps.read(maildir.dir).token(),
              List.of(
                  new SizeCache.Line(
                      bad[0], new SizeCache.Entry(0, 9, 10), MaildirScanner.CUR, bad[1]))));
      try (Mailbox box = maildir.open()) {
        assertEquals(List.of("1700000001.M1P1.host"), TestMaildir.uids(box));
        assertEquals("one\n", new String(TestMaildir.read(box, 0), US_ASCII));
      }
    }
  }

  @Test
  void aSizeTheServerFoundWrongDropsTheCachedListing() throws Exception {
    settledMaildir();
    try (Mailbox box = maildir.open()) {
      box.sizeMismatch(1, 99);
    }
    SizeCache.Contents cached = SizeCache.read(maildir.dir);
    assertEquals(null, cached.listing());
    assertEquals(2, cached.lines().size());
    try (Mailbox box = maildir.open()) {
      assertEquals(10, box.messages().get(1).size(), "recomputed from the file");
    }
  }

  @Test
  void aCacheWhoseLinesAreOutOfOrderStillGivesTheSnapshotInTimeOrder() throws Exception {
    maildir.put("cur", "1700000001.M1P1.host,W=5:2,S", "one\n", 1);
    maildir.put("cur", "1700000002.M2P1.host,W=5:2,S", "two\n", 2);
    maildir.put("cur", "1700000003.M3P1.host,W=7:2,S", "three\n", 3);
    try (Mailbox box = maildir.open()) {
      assertEquals(3, box.messages().size());
    }
    SizeCache.awaitWrites();
    SizeCache.Contents cached = SizeCache.read(maildir.dir);
    List<SizeCache.Line> reversed = new ArrayList<>(cached.lines());
    java.util.Collections.reverse(reversed);
    // A cache written by hand, or by another program: the snapshot is sorted, never trusted.
    SizeCache.store(maildir.dir, new SizeCache.Contents(cached.listing(), reversed));
    try (Mailbox box = maildir.open()) {
      assertEquals(
          List.of(
              "1700000001.M1P1.host,W=5", "1700000002.M2P1.host,W=5", "1700000003.M3P1.host,W=7"),
          TestMaildir.uids(box));
    }
  }

  @Test
  void manyFilesAreStatInParallelAndOrderedByTime() throws Exception {
    int n = 5000;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Names that carry no time (issue 19: a time in the name would decide without a stat), and
      // that sort the opposite way to their times: only the stat can give the order.
      String base = "host." + (9999 - i) + ".M" + i;
      maildir.put(i % 2 == 0 ? "cur" : "new", i % 2 == 0 ? base + ":2," : base, "m" + i + "\n", i);
      expected.add(base);
    }
    try (Mailbox box = maildir.open()) {
      assertEquals(expected, TestMaildir.uids(box));
      for (int i = 0; i < n; i += 997) {
        assertEquals(("m" + i).length() + 2, box.messages().get(i).size());
      }
    }
    assertFalse(SizeCache.read(maildir.dir).lines().isEmpty());
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
