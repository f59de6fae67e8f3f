package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test suite's server is quiet at INFO unless asked to be verbose; what the test did not ask for
 * still shows. Read from the real slf4j-simple output of a child JVM, whose level is fixed at
 * start.
 */
class QuietLogTest {

  private static String run(String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                QuietLogProbe.class.getName(),
                mode)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("PROBE DONE"), out);
    return out;
  }

  private static long count(String log, String text) {
    return log.lines().filter(l -> l.contains(text)).count();
  }

  @Test
  void byDefaultNoSessionLogsConnectsOrCommandsAtInfo() throws Exception {
    String log = run("quiet");

    assertEquals(0, count(log, "connect from"), log);
    assertEquals(0, count(log, "disconnect ("), log);
    assertEquals(0, count(log, " C: "), log);
    assertEquals(0, count(log, "ended (QUIT)"), log);
  }

  @Test
  void aLoginAsAnUnknownUserStillShowsAsAWarning() throws Exception {
    String log = run("quiet");

    assertEquals(
        1,
        count(
            log,
            "WARN io.mdpop3j.junit.Pop3Extension - POP3 login refused: unknown user"
                + " 'alice@localhost'; known users: alice; mailboxes are named by login"),
        log);
  }

  @Test
  void byDefaultFailedLoginsAndAMailboxInUseAreNotLoggedAtInfoOrWarn() throws Exception {
    String log = run("quiet");

    assertEquals(0, count(log, "login failed for user"), log);
    assertEquals(0, count(log, "cannot open the mailbox of alice"), log);
  }

  @Test
  void verboseLogsFailedLoginsAtInfoAndAMailboxInUseAsAWarning() throws Exception {
    String log = run("verbose");

    assertTrue(count(log, "INFO io.mdpop3j.core.protocol.Login - login failed for user") >= 1, log);
    assertEquals(
        1,
        count(log, "WARN io.mdpop3j.core.protocol.Login - cannot open the mailbox of alice"),
        log);
  }

  @Test
  void verboseLogsConnectsCommandsAndSessionEndsAtInfo() throws Exception {
    String log = run("verbose");

    assertEquals(4, count(log, "connect from 127.0.0.1"), log);
    assertTrue(count(log, "INFO io.mdpop3j.junit.Pop3Extension - POP3 session") >= 8, log);
    assertEquals(1, count(log, " C: USER alice@localhost"), log);
    assertEquals(0, count(log, "secret"), "passwords stay hidden:\n" + log);
    assertEquals(4, count(log, "ended (QUIT)"), log);
  }
}
