package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session sees: which files, in which order, with which ids and sizes. */
class SnapshotTest {
  static final String LF_MESSAGE = "Subject: hi\n\nline one\n.dotted\nlast line without break";
  static final long LF_MESSAGE_WIRE = LF_MESSAGE.length() + 4L + 2;

  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void setUp() {
    maildir = TestMaildir.create(home);
  }

  @Test
  void messagesAreOldestFirstByTheTimeInTheirNamesThenByModificationTime() throws Exception {
    // Issue 19: the name's delivery time decides, whatever the modification times say; a name
    // without one ("no-time") takes its modification time, T0 + 150, in the same scale.
    maildir.put("cur", "1700000300.M3P1.host:2,S", "c\n", 1);
    maildir.put("new", "1700000100.M1P1.host", "a\n", 30);
    maildir.put("new", "1700000200.M2P1.host", "b\n", 20);
    maildir.put("cur", "1700000199.M0P1.host:2,", "tie-b\n", 20);
    maildir.put("new", "0999.M9P9.host", "the name's time wins over the mtime\n", 500);
    maildir.put("new", "no-time", "mtime where the name has no time\n", 150);
    try (Mailbox box = maildir.open()) {
      assertEquals(
          List.of(
              "0999.M9P9.host",
              "1700000100.M1P1.host",
              "no-time",
              "1700000199.M0P1.host",
              "1700000200.M2P1.host",
              "1700000300.M3P1.host"),
          TestMaildir.uids(box));
    }
  }

  @Test
  void numberingIsTheSameInEverySessionWhileNothingChanges() throws Exception {
    for (int i = 0; i < 20; i++) {
      maildir.put("new", "17000000" + (99 - i) + ".M" + i + "P1.host", "m" + i + "\n", 7);
    }
    List<String> first;
    try (Mailbox box = maildir.open()) {
      first = TestMaildir.uids(box);
    }
    for (int round = 0; round < 3; round++) {
      try (Mailbox box = maildir.open()) {
        assertEquals(first, TestMaildir.uids(box));
      }
    }
  }

  @Test
  void storedBytesComeBackUnchanged() throws Exception {
    byte[] content =
        "From: a\r\n\r\nbinary \u0000\u00ff bytes\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    maildir.put("new", "1700000000.M1P1.host", content, 0);
    try (Mailbox box = maildir.open()) {
      assertArrayEquals(content, TestMaildir.read(box, 0));
    }
  }

  @Test
  void sizeIsTheWireSizeWithBareLfCountedAsCrlf() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    try (Mailbox box = maildir.open()) {
      assertEquals(LF_MESSAGE_WIRE, box.messages().get(0).size());
      assertEquals(TestMaildir.wireOctets(box, 0), box.messages().get(0).size());
    }
  }

  @Test
  void wireSizeInTheNameIsTrustedWithoutReadingTheFile() throws Exception {
    // The name says 5000; the file is shorter. Only a read could tell, and none is made.
    maildir.put("cur", "1700000000.M1P1.host,S=3000,W=5000:2,S", "short\n", 0);
    try (Mailbox box = maildir.open()) {
      assertEquals(5000, box.messages().get(0).size());
    }
    assertTrue(SizeCache.load(maildir.dir).containsKey("1700000000.M1P1.host,S=3000,W=5000"));
  }

  @Test
  void computedSizesAreCachedAndTheCacheIsUsedWhileTheFileIsUnchanged() throws Exception {
    Path file = maildir.put("new", "1700000000.M1P1.host", "aaaa\n", 0);
    try (Mailbox box = maildir.open()) {
      assertEquals(6, box.messages().get(0).size());
    }
    assertEquals(6, SizeCache.load(maildir.dir).get("1700000000.M1P1.host").wireSize());
    // Same length and time, different line endings: only a read would see the change.
    Files.writeString(file, "aa\r\n\n");
    TestMaildir.setTimes(file, TestMaildir.T0);
    try (Mailbox box = maildir.open()) {
      assertEquals(6, box.messages().get(0).size(), "served from the cache, not read");
    }
  }

  @Test
  void aChangedFileIsRecomputed() throws Exception {
    Path file = maildir.put("new", "1700000000.M1P1.host", "aaaa\n", 0);
    try (Mailbox box = maildir.open()) {
      assertEquals(6, box.messages().get(0).size());
    }
    Files.writeString(file, "a\nb\nc\n");
    TestMaildir.setTimes(file, TestMaildir.T0 + 1);
    try (Mailbox box = maildir.open()) {
      assertEquals(9, box.messages().get(0).size());
    }
  }

  @Test
  void warmOpenTakesTheOrderOfWireSizedNamesFromTheCacheWithoutStat() throws Exception {
    maildir.put("cur", "1700000001.M1P1.host,W=3:2,S", "a\n", 1);
    Path second = maildir.put("cur", "1700000002.M2P1.host,W=3:2,S", "b\n", 2);
    try (Mailbox box = maildir.open()) {
      assertEquals("1700000001.M1P1.host,W=3", box.messages().get(0).uniqueId());
    }
    // Maildir messages are never rewritten, so their time is cached; a stat would see this.
    TestMaildir.setTimes(second, TestMaildir.T0 - 100);
    try (Mailbox box = maildir.open()) {
      assertEquals("1700000001.M1P1.host,W=3", box.messages().get(0).uniqueId());
    }
  }

  @Test
  void damagedCacheIsRebuiltSilently() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    Files.writeString(maildir.dir.resolve(SizeCache.FILE_NAME), "garbage\n1 2 3\n");
    try (Mailbox box = maildir.open()) {
      assertEquals(LF_MESSAGE_WIRE, box.messages().get(0).size());
    }
    assertEquals(
        LF_MESSAGE_WIRE, SizeCache.load(maildir.dir).get("1700000000.M1P1.host").wireSize());
  }

  @Test
  void aCacheThatDisagreesWithTheSentSizeIsDroppedWhenTheServerSaysSo() throws Exception {
    Path file = maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    long mtime = Files.getLastModifiedTime(file).toMillis();
    // A lying entry with the right key, as a damaged or foreign cache might hold.
    SizeCache.store(
        maildir.dir,
        Map.of("1700000000.M1P1.host", new SizeCache.Entry(mtime, LF_MESSAGE.length(), 999)));
    try (Mailbox box = maildir.open()) {
      assertEquals(999, box.messages().get(0).size());
      assertEquals(LF_MESSAGE_WIRE, TestMaildir.wireOctets(box, 0), "the file's bytes are sent");
      // The server counts the wire size while sending and reports the difference.
      box.sizeMismatch(0, LF_MESSAGE_WIRE);
    }
    try (Mailbox box = maildir.open()) {
      assertEquals(LF_MESSAGE_WIRE, box.messages().get(0).size());
    }
  }

  @Test
  void sizeCacheOffWritesNoFile() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withSizeCache(false))) {
      assertEquals(LF_MESSAGE_WIRE, box.messages().get(0).size());
    }
    assertTrue(Files.notExists(maildir.dir.resolve(SizeCache.FILE_NAME)));
  }

  @Test
  void statSizesAreFileSizesAsQmailPop3dReportsThem() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    maildir.put("cur", "1700000001.M1P1.host,S=77,W=80:2,", "x\n", 1);
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withSizes(Sizes.STAT))) {
      assertEquals(LF_MESSAGE.length(), box.messages().get(0).size());
      assertEquals(77, box.messages().get(1).size(), "S= is the file size");
      assertArrayEquals(LF_MESSAGE.getBytes(US_ASCII), TestMaildir.read(box, 0));
    }
  }

  @Test
  void dotFilesTmpAndSubFoldersAreNeverServed() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", "real\n", 0);
    maildir.put("new", ".1700000001.M1P1.host", "hidden\n", 1);
    maildir.put("tmp", "1700000002.M1P1.host", "half delivered\n", 2);
    Files.createDirectories(maildir.dir.resolve("cur/1700000003.M1P1.host"));
    Path sent = maildir.dir.resolve(".Sent");
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(sent.resolve(sub));
    }
    Files.writeString(sent.resolve("cur/1700000004.M1P1.host:2,S"), "sent mail\n");
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of("1700000000.M1P1.host"), TestMaildir.uids(box));
    }
  }

  @Test
  void aLinkToAnotherFileIsNeverServed() throws Exception {
    Path secret = Files.writeString(home.resolve("shadow"), "root:$6$secret:19000::::::\n");
    maildir.put("new", "1700000000.M1P1.host", "real\n", 0);
    Files.createSymbolicLink(maildir.dir.resolve("cur/1700000001.M1P1.host:2,"), secret);
    Files.createSymbolicLink(maildir.dir.resolve("new/1700000002.M1P1.host,W=27"), secret);
    try (Mailbox box = maildir.open()) {
      // A name that does not carry its size is stat'ed, and a link leaves the listing. A name that
      // carries its time and wire size is listed without a stat (issue 19), as a cached name always
      // was: opening it finds the link, and it answers as a message gone, never the link's target.
      assertEquals(
          List.of("1700000000.M1P1.host", "1700000002.M1P1.host,W=27"), TestMaildir.uids(box));
      assertThrows(MessageExpungedException.class, () -> box.open(1));
    }
  }

  @Test
  void aFileSwappedForALinkAfterTheSnapshotIsNotFollowed() throws Exception {
    Path secret = Files.writeString(home.resolve("shadow"), "root:$6$secret:19000::::::\n");
    Path file = maildir.put("new", "1700000000.M1P1.host", "real\n", 0);
    try (Mailbox box = maildir.open()) {
      Files.delete(file);
      Files.createSymbolicLink(file, secret);
      assertThrows(MessageExpungedException.class, () -> box.open(0));
    }
  }

  @Test
  void aFifoIsNeverServed() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", "real\n", 0);
    Path fifo = maildir.dir.resolve("new/1700000001.M1P1.host");
    int rc = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    assertEquals(0, rc);
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of("1700000000.M1P1.host"), TestMaildir.uids(box));
    }
  }

  @Test
  void twoFilesOfOneBaseNameInNewAndCurAreTwoMessagesWithTheirOwnUniqueIds() throws Exception {
    // Both still there after the listing: not one message moved meanwhile, but two files.
    maildir.put("new", "1700000000.M1P1.host", "x\n", 0);
    maildir.put("cur", "1700000000.M1P1.host:2,S", "y\n", 0);
    try (Mailbox box = maildir.open()) {
      assertEquals(2, box.messages().size());
      assertEquals(2, Set.copyOf(TestMaildir.uids(box)).size());
      assertTrue(TestMaildir.uids(box).contains("1700000000.M1P1.host"));
    }
  }

  @Test
  void emptyMaildirHasNoMessages() throws Exception {
    try (Mailbox box = maildir.open()) {
      assertEquals(0, box.messages().size());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aFifoPlantedAsSizeCacheIsNotOpenedAndIsReplaced() throws Exception {
    maildir.put("new", "1700000000.M1P1.host", LF_MESSAGE, 0);
    Path cache = maildir.dir.resolve(SizeCache.FILE_NAME);
    assertEquals(0, new ProcessBuilder("mkfifo", cache.toString()).start().waitFor());
    try (Mailbox box = maildir.open()) {
      assertEquals(LF_MESSAGE_WIRE, box.messages().get(0).size());
    }
    assertTrue(Files.isRegularFile(cache, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }
}
