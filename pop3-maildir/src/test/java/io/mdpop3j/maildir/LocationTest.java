package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.testing.TestSession;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Maildir is, and what a missing or broken one means. */
class LocationTest {

  @TempDir Path home;

  MailStoreException openFails(MaildirSettings settings, Account account) {
    return assertThrows(
        MailStoreException.class,
        () -> new MaildirStore(settings).open(TestSession.plain().as("alice"), account));
  }

  Mailbox open(MaildirSettings settings, Account account) throws MailStoreException {
    return new MaildirStore(settings).open(TestSession.plain().as("alice"), account);
  }

  /** Whether this JVM runs as root: the owner of what it just created. */
  boolean isRoot() throws Exception {
    return Integer.valueOf(0).equals(Files.getAttribute(home, "unix:uid"));
  }

  @Test
  void defaultIsMaildirInTheHomeDirectory() throws Exception {
    Account a = Account.named("alice").withHome(home);
    assertEquals(home.resolve("Maildir"), new MaildirStore().locate(a));
  }

  @Test
  void subdirDotIsTheHomeDirectoryItself() throws Exception {
    Account a = Account.named("alice").withHome(home);
    assertEquals(home, new MaildirStore(MaildirSettings.defaults().withSubdir(".")).locate(a));
  }

  @Test
  void accountMaildirOverridesSubdirAndIsRelativeToHome() throws Exception {
    MaildirStore store = new MaildirStore(MaildirSettings.defaults().withSubdir("Other"));
    Account a = Account.named("alice").withHome(home);
    assertEquals(home.resolve("mail/box"), store.locate(a.withMaildir("mail/box")));
    assertEquals(Path.of("/var/mail/alice"), store.locate(a.withMaildir("/var/mail/alice")));
    assertEquals(
        Path.of("/var/mail/bob"), store.locate(Account.named("bob").withMaildir("/var/mail/bob")));
  }

  @Test
  void noHomeAndNoAbsoluteMaildirIsAPermanentError() {
    MailStoreException e = openFails(MaildirSettings.defaults(), Account.named("alice"));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Account has no home directory.", e.getMessage());
  }

  @Test
  void missingMaildirIsCreatedByDefaultPrivateAndEmpty() throws Exception {
    try (Mailbox box = open(MaildirSettings.defaults(), Account.named("a").withHome(home))) {
      assertEquals(0, box.messages().size());
    }
    for (String sub : List.of("", "cur", "new", "tmp")) {
      Path dir = home.resolve("Maildir").resolve(sub);
      assertTrue(Files.isDirectory(dir), sub);
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
  }

  @Test
  void aMaildirThatCannotBeCreatedForWantOfAHomeDirectoryIsServedEmpty() throws Exception {
    // Such as the system user nobody, whose home is /nonexistent: no mail, and no error either.
    Path noHome = home.resolve("nonexistent");
    try (Mailbox box = open(MaildirSettings.defaults(), Account.named("a").withHome(noHome))) {
      assertEquals(0, box.messages().size());
      assertTrue(box.update(Set.of(), Set.of()).complete());
    }
    assertFalse(Files.exists(noHome), "parents are not created");
  }

  @Test
  void missingEmptyServesNoMessagesAndCreatesNothing() throws Exception {
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.EMPTY);
    try (Mailbox box = open(s, Account.named("a").withHome(home))) {
      assertEquals(0, box.messages().size());
      assertTrue(box.update(Set.of(), Set.of()).complete());
    }
    assertFalse(Files.exists(home.resolve("Maildir")));
  }

  @Test
  void missingFailRefusesWithAPermanentErrorWithoutThePath() {
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.FAIL);
    MailStoreException e = openFails(s, Account.named("a").withHome(home));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir does not exist.", e.getMessage());
  }

  @Test
  void createdFoldersBelongToTheAccountsUidAndGid() throws Exception {
    assumeTrue(isRoot(), "only root may give a folder away");
    Account a = Account.named("a").withHome(home).withIds(65534, 65534);
    try (Mailbox box = open(MaildirSettings.defaults(), a)) {
      assertEquals(0, box.messages().size());
    }
    for (String sub : List.of("", "cur", "new", "tmp")) {
      Path dir = home.resolve("Maildir").resolve(sub);
      assertEquals(65534, Files.getAttribute(dir, "unix:uid"), sub);
      assertEquals(65534, Files.getAttribute(dir, "unix:gid"), sub);
    }
  }

  @Test
  void foldersARootServerCreatesForAnAccountWithoutIdsBelongToTheOwnerOfTheMaildir()
      throws Exception {
    assumeTrue(isRoot(), "only root may give a folder away");
    TestMaildir m = TestMaildir.create(home);
    Files.delete(m.dir.resolve("tmp"));
    Files.setAttribute(m.dir, "unix:uid", 65534);
    Files.setAttribute(m.dir, "unix:gid", 65534);
    try (Mailbox box = open(MaildirSettings.defaults(), Account.named("a").withHome(home))) {
      assertEquals(0, box.messages().size());
    }
    assertEquals(65534, Files.getAttribute(m.dir.resolve("tmp"), "unix:uid"));
  }

  /** An incomplete Maildir whose folders hold mail: the default completes it and serves it. */
  @Test
  void maildirWithoutTmpGetsItByDefaultAndItsMailIsServed() throws Exception {
    TestMaildir m = TestMaildir.create(home);
    Files.delete(m.dir.resolve("tmp"));
    m.put("new", "1700000001.M1P1.host", "one\n", 1);
    m.put("cur", "1700000002.M2P1.host:2,S", "two\n", 2);
    try (Mailbox box = m.open()) {
      assertEquals(List.of("1700000001.M1P1.host", "1700000002.M2P1.host"), TestMaildir.uids(box));
    }
    assertTrue(Files.isDirectory(m.dir.resolve("tmp")));
  }

  @Test
  void maildirWithNewOnlyIsServedAsItIsWithMissingEmptyAndNoMailIsLostAtQuit() throws Exception {
    Path maildir = home.resolve("Maildir");
    Files.createDirectories(maildir.resolve("new"));
    TestMaildir m = new TestMaildir(home);
    m.put("new", "1700000001.M1P1.host", "one\n", 1);
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.EMPTY);
    try (Mailbox box = m.open(s)) {
      assertEquals(List.of("1700000001.M1P1.host"), TestMaildir.uids(box));
      assertEquals("one\n", new String(TestMaildir.read(box, 0), US_ASCII));
      assertTrue(box.update(Set.of(), Set.of(0)).complete());
    }
    assertFalse(Files.exists(maildir.resolve("cur")), "nothing created");
    assertEquals(List.of("1700000001.M1P1.host"), m.names("new"), "the move to cur/ failed");
  }

  @Test
  void maildirWithoutTmpSaysWhatIsMissingWithMissingFail() throws Exception {
    Files.createDirectories(home.resolve("Maildir/cur"));
    Files.createDirectories(home.resolve("Maildir/new"));
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.FAIL);
    MailStoreException e = openFails(s, Account.named("a").withHome(home));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir is incomplete: tmp/ is missing.", e.getMessage());
    assertFalse(e.getMessage().contains(home.toString()));
    assertFalse(Files.exists(home.resolve("Maildir/tmp")));
  }

  @Test
  void maildirWhoseCurIsAFileSaysItIsDamaged() throws Exception {
    TestMaildir m = TestMaildir.create(home);
    Files.delete(m.dir.resolve("cur"));
    Files.writeString(m.dir.resolve("cur"), "not a folder\n");
    MailStoreException e = openFails(MaildirSettings.defaults(), m.account());
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir is damaged: cur/ is not a directory.", e.getMessage());
  }

  @Test
  void maildirThatIsAFileIsAPermanentError() throws Exception {
    Files.writeString(home.resolve("Maildir"), "mbox, not a Maildir\n");
    MailStoreException e = openFails(MaildirSettings.defaults(), Account.named("a").withHome(home));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir is not a directory.", e.getMessage());
  }

  @Test
  void aFailedOpenLeavesNoLock() throws Exception {
    Files.createDirectories(home.resolve("Maildir/cur"));
    openFails(
        MaildirSettings.defaults().withMissing(Missing.FAIL), Account.named("a").withHome(home));
    assertFalse(Files.exists(home.resolve("Maildir").resolve(MaildirLock.FILE_NAME)));
  }
}
