package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names are bytes: a name that is not ASCII, or not even UTF-8, is a message like any other,
 * served, moved and deleted by its exact bytes, in whatever locale the JVM runs (these tests run in
 * the test JVM's; {@link LocaleIndependenceTest} pins the locales that used to break).
 */
class OddFileNamesTest {

  static final byte[] CAFE = "2.caf\u00e9".getBytes(UTF_8); // 32 2e 63 61 66 c3 a9
  static final byte[] NOT_UTF8 = {'3', '.', 'x', (byte) 0xff};

  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void setUp() {
    maildir = TestMaildir.create(home);
    maildir.put("cur", "1.a:2,", "one\n", 1);
  }

  static String digestOf(byte[] bytes) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
    return "h-" + HexFormat.of().formatHex(hash, 0, 20);
  }

  @Test
  void aUtf8NameIsServedWithTheCoresDigestOfItsUtf8BytesAsUniqueId() throws Exception {
    maildir.putRaw("new", CAFE, "cafe body\n", 2);
    try (Mailbox box = maildir.open()) {
      assertEquals(2, box.messages().size());
      String expected = io.mdpop3j.core.wire.UniqueIds.digest("2.caf\u00e9");
      assertEquals(List.of("1.a", expected), TestMaildir.uids(box));
      assertEquals(digestOf(CAFE), expected, "the core's rule hashes the UTF-8 bytes");
      assertEquals("cafe body\n", new String(TestMaildir.read(box, 1), US_ASCII));
    }
  }

  @Test
  void aNameThatIsNotUtf8IsServedFiledAndDeletedByItsExactBytes() throws Exception {
    maildir.putRaw("new", NOT_UTF8, "three\n", 3);
    String id;
    try (Mailbox box = maildir.open()) {
      id = box.messages().get(1).uniqueId();
      assertEquals(digestOf(NOT_UTF8), id);
      assertEquals("three\n", new String(TestMaildir.read(box, 1), US_ASCII));
      assertTrue(box.update(Set.of(), Set.of(1)).complete());
    }
    assertEquals(List.of(), maildir.rawNames("new"));
    assertEquals(List.of("1.a:2,", "3.x\\xff:2,S"), maildir.rawNames("cur"), "moved, bytes kept");
    try (Mailbox box = maildir.open()) {
      assertEquals(id, box.messages().get(1).uniqueId(), "the same id in the next session");
      assertEquals("three\n", new String(TestMaildir.read(box, 1), US_ASCII));
      assertTrue(box.update(Set.of(1), Set.of()).complete());
    }
    assertEquals(List.of("1.a:2,"), maildir.rawNames("cur"));
  }

  @Test
  void namesThatDifferOnlyInBytesThatAreNotUtf8AreTwoMessagesWithTwoIds() throws Exception {
    // Decoded as UTF-8, both would be "4.x\ufffd": one name for two files.
    maildir.putRaw("new", new byte[] {'4', '.', 'x', (byte) 0xfe}, "fe\n", 4);
    maildir.putRaw("new", new byte[] {'4', '.', 'x', (byte) 0xff}, "ff\n", 5);
    try (Mailbox box = maildir.open()) {
      assertEquals(3, box.messages().size());
      assertNotEquals(box.messages().get(1).uniqueId(), box.messages().get(2).uniqueId());
      assertEquals("fe\n", new String(TestMaildir.read(box, 1), US_ASCII));
      assertEquals("ff\n", new String(TestMaildir.read(box, 2), US_ASCII));
    }
  }

  @Test
  void oddNamesComeBackFromTheSizeCacheAsTheSameFiles() throws Exception {
    maildir.putRaw("cur", CAFE, "cafe\n", 2);
    maildir.putRaw("cur", NOT_UTF8, "three\n", 3);
    List<String> first;
    try (Mailbox box = maildir.open()) {
      first = TestMaildir.uids(box);
    }
    Thread.sleep(DirStamps.SETTLE_NANOS / 1_000_000 + 200);
    try (Mailbox box = maildir.open()) {
      assertEquals(3, box.messages().size());
    }
    assertTrue(SizeCache.read(maildir.dir).listing() != null, "a whole listing is cached");
    try (Mailbox box = maildir.open()) {
      assertEquals(first, TestMaildir.uids(box), "the same ids from the reused listing");
      assertEquals("three\n", new String(TestMaildir.read(box, 2), US_ASCII));
      assertTrue(box.update(Set.of(1), Set.of()).complete());
    }
    assertEquals(List.of("1.a:2,", "3.x\\xff"), maildir.rawNames("cur"));
  }
}
