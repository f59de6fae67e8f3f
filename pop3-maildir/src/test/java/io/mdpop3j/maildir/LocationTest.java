package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Maildir is, and what a missing or broken one means. */
class LocationTest {

  @TempDir Path home;

  MailStoreException openFails(MaildirSettings settings, Account account) {
    return assertThrows(
        MailStoreException.class,
        () -> new MaildirStore(settings).open(new TestSession(), account));
  }

  Mailbox open(MaildirSettings settings, Account account) throws MailStoreException {
    return new MaildirStore(settings).open(new TestSession(), account);
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
  void missingMaildirIsEmptyByDefaultAndNothingIsCreated() throws Exception {
    try (Mailbox box = open(MaildirSettings.defaults(), Account.named("a").withHome(home))) {
      assertEquals(0, box.messages().size());
      assertTrue(box.update(java.util.Set.of(), java.util.Set.of()).complete());
    }
    assertFalse(Files.exists(home.resolve("Maildir")));
  }

  @Test
  void missingCreateMakesAPrivateMaildir() throws Exception {
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.CREATE);
    try (Mailbox box = open(s, Account.named("a").withHome(home))) {
      assertEquals(0, box.messages().size());
    }
    for (String sub : List.of("cur", "new", "tmp")) {
      assertTrue(Files.isDirectory(home.resolve("Maildir").resolve(sub)));
    }
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("Maildir"))));
  }

  @Test
  void missingFailRefusesWithAPermanentErrorWithoutThePath() {
    MaildirSettings s = MaildirSettings.defaults().withMissing(Missing.FAIL);
    MailStoreException e = openFails(s, Account.named("a").withHome(home));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir does not exist.", e.getMessage());
  }

  @Test
  void maildirWithoutTmpSaysWhatIsMissing() throws Exception {
    Files.createDirectories(home.resolve("Maildir/cur"));
    Files.createDirectories(home.resolve("Maildir/new"));
    MailStoreException e = openFails(MaildirSettings.defaults(), Account.named("a").withHome(home));
    assertEquals(Kind.PERMANENT, e.kind());
    assertEquals("Maildir is incomplete: tmp/ is missing.", e.getMessage());
    assertFalse(e.getMessage().contains(home.toString()));
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
    openFails(MaildirSettings.defaults(), Account.named("a").withHome(home));
    assertFalse(Files.exists(home.resolve("Maildir").resolve(MaildirLock.FILE_NAME)));
  }
}
