package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A server process killed with SIGKILL mid-session: no message lost, the lock not in the way. */
class KilledSessionTest {

  @TempDir Path home;

  @Test
  @Timeout(60)
  void sigkillMidSessionLosesNoMessageAndItsLockIsTakenOver() throws Exception {
    TestMaildir maildir = TestMaildir.create(home);
    for (int i = 0; i < 5; i++) {
      maildir.put("new", "170000000" + i + ".M" + i + "P1.host", "message " + i + "\n", i);
    }
    maildir.put("cur", "1700000009.M9P1.host,S=2,W=3:2,S", "z\n", 9);
    List<String> newBefore = maildir.names("new");
    List<String> curBefore = maildir.names("cur");

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldSessionMain.class.getName(),
                maildir.dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("READY 6", out.readLine());

      // The child holds the Maildir: this process is refused.
      MailStoreException e = assertThrows(MailStoreException.class, () -> maildir.open());
      assertEquals(MailStoreException.Kind.IN_USE, e.kind());

      assertTrue(child.toHandle().pid() > 0);
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by signal 9");
    } finally {
      child.destroyForcibly();
    }

    assertEquals(newBefore, maildir.names("new"));
    assertEquals(curBefore, maildir.names("cur"));
    assertTrue(Files.exists(maildir.dir.resolve(MaildirLock.FILE_NAME)), "left behind");
    try (Mailbox box = maildir.open()) {
      assertEquals(6, box.messages().size());
    }
  }
}
