package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: several hosts share the Maildirs. A process id means something only on its own host, in
 * its own PID space; a lock of another host is a lease, taken over only once it lapses, however
 * much its pid looks like one of ours.
 */
class LockAcrossHostsTest {

  static final MaildirSettings ONE_MINUTE =
      MaildirSettings.defaults().withLockStaleAfter(Duration.ofMinutes(1));

  @TempDir Path home;
  TestMaildir maildir;
  Path lockFile;
  Process other;
  HostIdentity us = HostIdentity.local("");

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

  void writeLock(String lines, Instant touched) throws Exception {
    Files.writeString(lockFile, lines + "time=" + touched + "\ntoken=abc\n");
    Files.setLastModifiedTime(lockFile, FileTime.from(touched));
  }

  void refused(MaildirSettings settings) {
    MailStoreException e = assertThrows(MailStoreException.class, () -> maildir.open(settings));
    assertEquals(Kind.IN_USE, e.kind());
    assertTrue(Files.exists(lockFile), "another's lock is left alone");
  }

  void served(MaildirSettings settings) throws Exception {
    try (Mailbox box = maildir.open(settings)) {
      assertEquals(1, box.messages().size());
      assertEquals(
          us.lockHost(), MaildirLock.parse(Files.readString(lockFile)).get("lock-host"), "ours");
    }
  }

  long deadPid() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    return dead.pid();
  }

  @Test
  void aLockOfAnotherHostWithThePidOfALiveProcessOfOursIsNotTakenOverBeforeItsLease()
      throws Exception {
    // The namespaces of issue 18's rig: one kernel host name, one PID space, two hosts. Judged by
    // its pid, this lock would be "left by this process", or alive; it is neither ours to judge.
    String lines =
        "pid="
            + us.pid()
            + "\nhost="
            + us.nodeName()
            + "\nlock-host=pop2.example.org\npid-space="
            + us.pidSpace()
            + "\n";
    writeLock(lines, Instant.now().minusSeconds(50));
    refused(ONE_MINUTE);
    writeLock(lines, Instant.now().minusSeconds(70));
    served(ONE_MINUTE);
  }

  @Test
  void aLockOfAnotherHostWithADeadPidIsNotTakenOverBeforeItsLease() throws Exception {
    String lines =
        "pid=" + deadPid() + "\nhost=" + us.nodeName() + "\nlock-host=pop2.example.org\n";
    writeLock(lines, Instant.now());
    refused(ONE_MINUTE);
  }

  @Test
  void aLockOfThisHostWhoseProcessIsGoneIsTakenOverAtOnce() throws Exception {
    writeLock(LockOwner.lines(withPid(us, deadPid())), Instant.now());
    served(ONE_MINUTE);
  }

  @Test
  void aLockOfThisHostWhoseProcessLivesIsRespected() throws Exception {
    other = new ProcessBuilder("sleep", "60").start();
    writeLock(LockOwner.lines(withPid(us, other.pid())), Instant.now());
    refused(ONE_MINUTE);
  }

  @Test
  void aLockOfThisHostFromAnotherPidNamespaceCountsUntilItsLease() throws Exception {
    // A container that shares the lock host: its pids are not ours to look up.
    HostIdentity container =
        new HostIdentity(us.lockHost(), us.nodeName(), us.boot() + "/pid:[1]", deadPid());
    writeLock(LockOwner.lines(container), Instant.now());
    refused(ONE_MINUTE);
  }

  @Test
  void aLockOfAnEarlierBootOfThisHostIsTakenOverAtOnce() throws Exception {
    other = new ProcessBuilder("sleep", "60").start(); // a pid that happens to be alive now
    HostIdentity beforeReboot =
        new HostIdentity(
            us.lockHost(),
            us.nodeName(),
            "00000000-0000-0000-0000-000000000000/pid:[4026531836]",
            other.pid());
    writeLock(LockOwner.lines(beforeReboot), Instant.now());
    if (us.boot().isEmpty()) {
      refused(ONE_MINUTE); // no boot id here: nothing says the host booted since
    } else {
      served(ONE_MINUTE);
    }
  }

  @Test
  void aLockFileOfAnOlderVersionIsJudgedByTheKernelHostNameAsThatVersionDid() throws Exception {
    writeLock("pid=" + deadPid() + "\nhost=" + us.nodeName() + "\n", Instant.now());
    served(ONE_MINUTE);
    other = new ProcessBuilder("sleep", "60").start();
    writeLock("pid=" + other.pid() + "\nhost=" + us.nodeName() + "\n", Instant.now());
    refused(ONE_MINUTE);
    writeLock("pid=" + deadPid() + "\nhost=old-host.example.org\n", Instant.now());
    refused(ONE_MINUTE);
    writeLock("pid=1\nhost=old-host.example.org\n", Instant.now().minusSeconds(61));
    served(ONE_MINUTE);
  }

  @Test
  void theLockFileNamesTheConfiguredLockHostAndThePidSpace() throws Exception {
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withLockHost("pop1"))) {
      Map<String, String> fields = MaildirLock.parse(Files.readString(lockFile));
      assertEquals("pop1", fields.get("lock-host"));
      assertEquals(us.nodeName(), fields.get("host"));
      assertEquals(Long.toString(ProcessHandle.current().pid()), fields.get("pid"));
      if (!us.pidSpace().isEmpty()) {
        assertEquals(us.pidSpace(), fields.get("pid-space"));
      }
    }
  }

  @Test
  void aHostConfiguredAsAnotherDoesNotJudgeItsOwnOldLockByPid() throws Exception {
    // Host pop1's lock, with a pid that is dead here: a host configured as pop2 waits the lease.
    HostIdentity pop1 = new HostIdentity("pop1", us.nodeName(), us.pidSpace(), deadPid());
    writeLock(LockOwner.lines(pop1), Instant.now());
    refused(ONE_MINUTE.withLockHost("pop2"));
    try (Mailbox box = maildir.open(ONE_MINUTE.withLockHost("pop1"))) {
      assertEquals(1, box.messages().size());
    }
  }

  @Test
  void theDefaultLockHostIsMoreThanTheKernelHostName() throws Exception {
    boolean machineOrBootId =
        Files.exists(Path.of("/etc/machine-id"))
            || Files.exists(Path.of("/proc/sys/kernel/random/boot_id"));
    if (machineOrBootId) {
      assertTrue(us.lockHost().startsWith(us.nodeName() + ":"), us.lockHost());
      assertTrue(us.lockHost().length() > us.nodeName().length() + 8, us.lockHost());
    }
    assertTrue(MaildirSettings.validLockHost(us.lockHost()), us.lockHost());
  }

  @Test
  void aHeldLockThatVanishedIsReleasedWithoutErrorAndTheMaildirLocksAgain() throws Exception {
    Mailbox box = maildir.open(ONE_MINUTE);
    // Another host judged it stale (our lease lapsed in a storage stall), took it and released it.
    Files.delete(lockFile);
    box.close();
    served(ONE_MINUTE);
  }

  @Test
  void aLockFileThatIsGoneWhenReadIsReportedAsGone() {
    assertThrows(
        java.nio.file.NoSuchFileException.class, () -> MaildirLock.readAgainOnError(lockFile));
  }

  static HostIdentity withPid(HostIdentity h, long pid) {
    return new HostIdentity(h.lockHost(), h.nodeName(), h.pidSpace(), pid);
  }
}
