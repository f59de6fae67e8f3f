package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.testing.TestSession;
import io.mdpop3j.maildir.MaildirSettings.LockMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RFC 1939 section 8: one session holds a maildrop at a time. */
class LockTest {

  @TempDir Path home;
  TestMaildir maildir;
  Path lockFile;
  Process other;

  @BeforeEach
  void setUp() {
    maildir = TestMaildir.create(home);
    maildir.put("new", "1700000000.M1P1.host", "x\n", 0);
    lockFile = maildir.dir.resolve(MaildirLock.FILE_NAME);
  }

  @AfterEach
  void stopOther() {
    if (other != null) {
      other.destroyForcibly();
    }
  }

  MailStoreException inUse(MaildirSettings settings) {
    MailStoreException e = assertThrows(MailStoreException.class, () -> maildir.open(settings));
    assertEquals(Kind.IN_USE, e.kind());
    assertEquals("Mailbox is locked by another POP3 session.", e.getMessage());
    return e;
  }

  void writeLock(long pid, String host, Instant touched) throws Exception {
    Files.writeString(
        lockFile, "pid=" + pid + "\nhost=" + host + "\ntime=" + touched + "\ntoken=abc\n");
    Files.setLastModifiedTime(lockFile, FileTime.from(touched));
  }

  @Test
  void aSecondSessionInTheSameProcessIsRefused() throws Exception {
    try (Mailbox first = maildir.open()) {
      assertEquals(1, first.messages().size());
      inUse(MaildirSettings.defaults());
      inUse(MaildirSettings.defaults());
    }
    try (Mailbox again = maildir.open()) {
      assertEquals(1, again.messages().size());
    }
  }

  @Test
  void theLockIsOnTheMaildirNotTheWayItWasNamed() throws Exception {
    Path link = Files.createSymbolicLink(home.resolve("alias"), maildir.dir);
    try (Mailbox first = maildir.open()) {
      assertEquals(1, first.messages().size());
      MaildirStore store = new MaildirStore();
      MailStoreException e =
          assertThrows(
              MailStoreException.class,
              () ->
                  store.open(
                      TestSession.plain().as("alice"),
                      maildir.account().withMaildir(link.toString())));
      assertEquals(Kind.IN_USE, e.kind());
    }
  }

  @Test
  void lockFileRecordsPidHostAndTime() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
      Map<String, String> fields = MaildirLock.parse(Files.readString(lockFile));
      assertEquals(Long.toString(ProcessHandle.current().pid()), fields.get("pid"));
      assertEquals(HostIdentity.kernelHostName(), fields.get("host"));
      assertFalse(Instant.parse(fields.get("time")).isBefore(before.minusSeconds(1)));
      assertTrue(fields.containsKey("token"));
    }
    assertFalse(Files.exists(lockFile));
  }

  @Test
  void lockOfALiveProcessOnThisHostIsRespected() throws Exception {
    other = new ProcessBuilder("sleep", "60").start();
    writeLock(other.pid(), HostIdentity.kernelHostName(), Instant.now());
    inUse(MaildirSettings.defaults());
    assertTrue(Files.exists(lockFile), "another's lock is left alone");
  }

  @Test
  void lockOfADeadProcessIsTakenOver() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    writeLock(dead.pid(), HostIdentity.kernelHostName(), Instant.now());
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
      Map<String, String> fields = MaildirLock.parse(Files.readString(lockFile));
      assertEquals(Long.toString(ProcessHandle.current().pid()), fields.get("pid"));
    }
  }

  @Test
  void lockNotRefreshedForTheStaleAgeIsTakenOverEvenIfItsOwnerLives() throws Exception {
    other = new ProcessBuilder("sleep", "60").start();
    writeLock(
        other.pid(), HostIdentity.kernelHostName(), Instant.now().minus(Duration.ofMinutes(11)));
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
    }
  }

  @Test
  void lockOfAnotherHostCountsUntilItIsStale() throws Exception {
    writeLock(1, "other-host.example.org", Instant.now());
    inUse(MaildirSettings.defaults());
    writeLock(1, "other-host.example.org", Instant.now().minus(Duration.ofMinutes(11)));
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
    }
  }

  @Test
  void unreadableGarbageLockCountsUntilItIsStale() throws Exception {
    Files.writeString(lockFile, "\u0000garbage");
    inUse(MaildirSettings.defaults());
    Files.setLastModifiedTime(lockFile, FileTime.from(Instant.now().minusSeconds(700)));
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
    }
  }

  @Test
  void heldLockIsRefreshedSoItNeverLooksStale() throws Exception {
    MaildirSettings quick = MaildirSettings.defaults().withLockStaleAfter(Duration.ofSeconds(1));
    try (Mailbox box = maildir.open(quick)) {
      assertEquals(1, box.messages().size());
      Files.setLastModifiedTime(lockFile, FileTime.from(Instant.now().minusSeconds(30)));
      Thread.sleep(1200);
      Duration age =
          Duration.between(Files.getLastModifiedTime(lockFile).toInstant(), Instant.now());
      assertTrue(age.compareTo(Duration.ofSeconds(1)) < 0, "refreshed, age " + age);
    }
  }

  @Test
  void lockNoneAllowsConcurrentSessionsAndWritesNoLockFile() throws Exception {
    MaildirSettings none = MaildirSettings.defaults().withLock(LockMode.NONE);
    try (Mailbox a = maildir.open(none);
        Mailbox b = maildir.open(none)) {
      assertEquals(a.messages(), b.messages());
      assertFalse(Files.exists(lockFile));
    }
  }

  @Test
  void closingReleasesOnlyOurOwnLock() throws Exception {
    Mailbox box = maildir.open();
    // Someone judged us stale and took over: their lock must survive our close.
    writeLock(1, "other-host.example.org", Instant.now());
    box.close();
    assertTrue(Files.exists(lockFile));
  }

  @Test
  void staleLockWithBytesThatAreNotUtf8IsTakenOver() throws Exception {
    Files.write(lockFile, new byte[] {(byte) 0xff, (byte) 0xfe, 'p', 'i', 'd', '=', '1', '\n'});
    Files.setLastModifiedTime(lockFile, FileTime.from(Instant.now().minusSeconds(700)));
    try (Mailbox box = maildir.open()) {
      assertEquals(1, box.messages().size());
    }
  }

  MailStoreException notALockFile() {
    MailStoreException e = assertThrows(MailStoreException.class, () -> maildir.open());
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Mailbox lock file is not a regular file.", e.getMessage());
    return e;
  }

  @Test
  @Timeout(20)
  void aFifoAtTheLockFilesNameIsNeverOpenedAndIsNamedForWhatItIs() throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", lockFile.toString()).start().waitFor());
    notALockFile();
    assertTrue(MessageFile.stat(lockFile).isOther(), "left where it is");
  }

  @Test
  void aSymbolicLinkAtTheLockFilesNameIsNotFollowedNorTakenForALock() throws Exception {
    // The link points at a fresh lock of a live process: followed, it would say "in use".
    other = new ProcessBuilder("sleep", "60").start();
    Path elsewhere = home.resolve("elsewhere.lock");
    Files.writeString(
        elsewhere,
        "pid=" + other.pid() + "\nhost=" + HostIdentity.kernelHostName() + "\ntime=x\ntoken=abc\n");
    Files.createSymbolicLink(lockFile, elsewhere);
    notALockFile();
    assertTrue(Files.isSymbolicLink(lockFile), "left where it is");
    assertTrue(Files.exists(elsewhere), "its target untouched");
  }

  @Test
  void aDirectoryAtTheLockFilesNameIsNotTakenForALock() throws Exception {
    Files.createDirectory(lockFile);
    notALockFile();
    assertTrue(Files.isDirectory(lockFile));
  }
}
