package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.LoggingProbe;
import io.mdpop3j.core.testing.MdcSimpleServiceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the session log says, read from the real slf4j-simple output of a child JVM (slf4j-simple
 * fixes logger levels when a logger is made, so the level must be set before the JVM starts).
 */
class CommandLoggingTest {

  private static Process probe(String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.log.io.mdpop3j.session=debug",
            "-Dslf4j.provider=" + MdcSimpleServiceProvider.class.getName(),
            LoggingProbe.class.getName(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static String loud;

  /** The log of the probe with logCommands on and quiet off, made once for this class. */
  private static synchronized String loudLog() throws Exception {
    if (loud == null) {
      loud = output(probe("loud"));
    }
    return loud;
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("PROBE DONE"), out);
    return out;
  }

  @Test
  void logCommandsLogsEveryLineButNeverAPasswordAndQuietDropsOnlyConnectLines() throws Exception {
    Process quiet = probe("quiet");
    String loudLog = loudLog();
    String quietLog = output(quiet);

    for (String log : List.of(loudLog, quietLog)) {
      assertTrue(log.contains("C: USER alice"), log);
      assertTrue(log.contains("C: PASS <hidden>"), log);
      assertTrue(log.contains("C: AUTH PLAIN <hidden>"), log);
      assertTrue(log.contains("C: AUTH PLAIN\n") || log.contains("C: AUTH PLAIN\r\n"), log);
      assertTrue(log.contains("C: <hidden>"), log);
      assertTrue(log.contains("C: STAT"), log);
      for (String secret :
          List.of(LoggingProbe.PASSWORD, "w0rd-XYZZY", LoggingProbe.WRONG, LoggingProbe.PLAIN)) {
        assertFalse(log.contains(secret), "the log shows " + secret + ":\n" + log);
      }
    }
    assertEquals(3, count(loudLog, "connect from 127.0.0.1"), loudLog);
    assertEquals(3, count(loudLog, "disconnect (QUIT): user=alice"), loudLog);
    assertEquals(0, count(quietLog, "connect from"), quietLog);
    assertEquals(0, count(quietLog, "disconnect ("), quietLog);
  }

  @Test
  void theMdcCarriesSessionIdRemoteAddressAndUserOnceKnown() throws Exception {
    String log = loudLog();
    Matcher before =
        Pattern.compile("MDC\\[USER alice\\] session=(\\S+) remote=(\\S+) user=(\\S+) id=(\\S+)")
            .matcher(log);
    assertTrue(before.find(), log);
    assertEquals(before.group(4), before.group(1), "session id");
    assertEquals("127.0.0.1", before.group(2));
    assertEquals("null", before.group(3), "no user before login");
    Matcher after =
        Pattern.compile("MDC\\[STAT\\] session=(\\S+) remote=(\\S+) user=(\\S+) id=(\\S+)")
            .matcher(log);
    assertTrue(after.find(), log);
    assertEquals(after.group(4), after.group(1));
    assertEquals("alice", after.group(3));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
