package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.testing.TestSession;
import io.mdpop3j.maildir.MaildirSettings.StampTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 18: on a shared file system whose client caches attributes (GlusterFS over FUSE, NFS) host
 * B may see the folders' times as they were before host A changed them, for up to a second or more.
 * A cache may save work but must never make the listing wrong then.
 *
 * <p>The stale attribute cache is simulated on a local disk: host A changes a folder and puts its
 * modification time back; its change time cannot be put back from user space, so the size cache is
 * then stamped with what the folders show now, which is what host B's stale attributes would have
 * matched. Wherever the stamp is not trusted, what {@code new/} and {@code cur/} hold must be read
 * whatever it says: with {@code trust-folder-stamps=never}, and with {@code auto} on a file system
 * reported as FUSE or NFS (the store's probe answers so; the files are real).
 */
class StaleFolderStampTest {

  /** A reader that must not trust a folder stamp: by its setting, or by its file system. */
  enum Reader {
    NEVER(StampTrust.NEVER, FileSystemKind::ofMaildir),
    AUTO_ON_FUSE(StampTrust.AUTO, dir -> FileSystemKind.ofMagic(0x65735546L)),
    AUTO_ON_NFS(StampTrust.AUTO, dir -> FileSystemKind.ofMagic(0x6969L)),
    AUTO_ON_AN_UNKNOWN_FILE_SYSTEM(StampTrust.AUTO, dir -> FileSystemKind.ofMagic(0x12345678L));

    final StampTrust trust;
    final Function<Path, FileSystemKind> fileSystems;

    Reader(StampTrust trust, Function<Path, FileSystemKind> fileSystems) {
      this.trust = trust;
      this.fileSystems = fileSystems;
    }
  }

  static final String ONE = "1700000001.M1P1.hosta,S=4,W=5:2,S";
  static final String TWO = "1700000002.M2P1.hosta:2,";
  static final String THREE = "1700000003.M3P1.hosta";

  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void aMaildirWhoseListingIsCached() throws Exception {
    maildir = TestMaildir.create(home);
    maildir.put("cur", ONE, "one\n", 1);
    maildir.put("cur", TWO, "two\ntwo\n", 2);
    maildir.put("new", THREE, "three\n", 3);
    for (int i = 0; i < 2; i++) {
      try (Mailbox box = maildir.open()) {
        assertEquals(3, box.messages().size());
      }
      SizeCache.awaitWrites();
    }
  }

  private Mailbox open(Reader reader) throws MailStoreException {
    MaildirSettings settings = MaildirSettings.defaults().withTrustFolderStamps(reader.trust);
    return new MaildirStore(settings, reader.fileSystems)
        .open(TestSession.plain().as("alice"), maildir.account());
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aMessageAnotherHostDeletedIsNotListedWhileTheFoldersStampLooksUnchanged(Reader reader)
      throws Exception {
    asAnotherHostWithTimesPutBack("cur", () -> Files.delete(folder("cur").resolve(ONE)));
    try (Mailbox box = open(reader)) {
      assertEquals(
          List.of("1700000002.M2P1.hosta", "1700000003.M3P1.hosta"), TestMaildir.uids(box));
      assertEquals("two\ntwo\n", new String(TestMaildir.read(box, 0), US_ASCII));
    }
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aMessageAnotherHostDeliveredIsListedWhileTheFoldersStampLooksUnchanged(Reader reader)
      throws Exception {
    asAnotherHostWithTimesPutBack(
        "new", () -> maildir.put("new", "1700000004.M4P1.hostc", "4\n", 4));
    try (Mailbox box = open(reader)) {
      assertEquals(4, box.messages().size());
      assertEquals("1700000004.M4P1.hostc", box.messages().get(3).uniqueId());
    }
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aMessageAnotherHostMovedToCurIsServedUnderItsNewName(Reader reader) throws Exception {
    asAnotherHostWithTimesPutBack(
        "new",
        () -> Files.move(folder("new").resolve(THREE), folder("cur").resolve(THREE + ":2,S")));
    try (Mailbox box = open(reader)) {
      assertEquals(3, box.messages().size());
      assertEquals("three\n", new String(TestMaildir.read(box, 2), US_ASCII));
    }
    try (Mailbox box = open(reader)) {
      assertEquals(3, box.messages().size());
      box.update(java.util.Set.of(2), java.util.Set.of());
    }
    assertEquals(List.of(ONE, TWO), maildir.names("cur").stream().sorted().toList());
  }

  /**
   * The trade-off of {@code auto} on a local disk, shown by its one way round: a cache stamped with
   * what the folders show now is believed, and the folders are not read. Only a writer of the cache
   * file can make that happen here (the change time of a local folder cannot be put back); on a
   * local file system the stamp is the kernel's own and is not a stale copy.
   */
  @Test
  void onALocalDiskACacheStampedWithTheFoldersTimesIsTheSnapshotAndTheFoldersAreNotRead()
      throws Exception {
    asAnotherHostWithTimesPutBack("cur", () -> Files.delete(folder("cur").resolve(ONE)));
    MaildirSettings auto = MaildirSettings.defaults();
    try (Mailbox box =
        new MaildirStore(auto, dir -> FileSystemKind.LOCAL)
            .open(TestSession.plain().as("alice"), maildir.account())) {
      assertEquals(3, box.messages().size(), "the cached listing, deleted message included");
      assertThrows(MessageExpungedException.class, () -> box.open(0), "and it is never served");
    }
  }

  interface Change {
    void run() throws Exception;
  }

  private Path folder(String name) {
    return maildir.dir.resolve(name);
  }

  /**
   * Runs {@code change} as another host would, puts {@code changed}'s modification time back, and
   * gives the size cache the stamp a reader with stale attributes would have compared.
   */
  private void asAnotherHostWithTimesPutBack(String changed, Change change) throws Exception {
    FileTime before = Files.getLastModifiedTime(folder(changed));
    change.run();
    Files.setLastModifiedTime(folder(changed), before);
    Path file = maildir.dir.resolve(SizeCache.FILE_NAME);
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    String header = SizeCache.HEADER + "\n";
    text = text.replace(header, header + "listing " + stampAsOldReadersSawIt() + "\n");
    Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The folders' stamp as versions before issue 18 compared it: inode, mtime, ctime of each. */
  private String stampAsOldReadersSawIt() throws IOException {
    StringBuilder token = new StringBuilder();
    for (String name : new String[] {"new", "cur"}) {
      Map<String, Object> a =
          Files.readAttributes(
              folder(name), "unix:ino,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
      if (token.length() > 0) {
        token.append(',');
      }
      token
          .append(a.get("ino"))
          .append(':')
          .append(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS))
          .append(':')
          .append(((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
    }
    return token.toString();
  }
}
