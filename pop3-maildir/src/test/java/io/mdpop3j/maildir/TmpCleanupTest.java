package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.spi.Mailbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maildir specification asks readers to remove files left in tmp/ for 36 hours. */
class TmpCleanupTest {

  @TempDir Path home;
  TestMaildir maildir;
  long now = Instant.now().getEpochSecond();

  @BeforeEach
  void leftovers() throws Exception {
    maildir = TestMaildir.create(home);
    TestMaildir.setTimes(
        Files.writeString(maildir.dir.resolve("tmp/1600000000.M1P1.host"), "dead"),
        now - 37 * 3600);
    TestMaildir.setTimes(
        Files.writeString(maildir.dir.resolve("tmp/1600000001.M1P1.host"), "delivering"),
        now - 35 * 3600);
    Files.createDirectories(maildir.dir.resolve("tmp/some-folder"));
    TestMaildir.setTimes(maildir.dir.resolve("tmp/some-folder"), now - 100 * 3600);
  }

  @Test
  void openRemovesTmpFilesOlderThan36Hours() throws Exception {
    try (Mailbox box = maildir.open()) {
      assertEquals(0, box.messages().size());
    }
    assertEquals(List.of("1600000001.M1P1.host", "some-folder"), maildir.names("tmp"));
  }

  @Test
  void tmpCleanupFalseLeavesTmpAlone() throws Exception {
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withTmpCleanup(false))) {
      assertEquals(0, box.messages().size());
    }
    assertEquals(3, maildir.names("tmp").size());
  }
}
