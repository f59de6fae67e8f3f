package io.mdpop3j.examples.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LauncherLoggerTest {

  private final List<String> lines = new ArrayList<>();
  private final LauncherLogger logger = new LauncherLogger("test");

  LauncherLoggerTest() {
    LauncherLogging.sink((level, line) -> lines.add(level + " " + line));
  }

  @AfterEach
  void reset() {
    LauncherLogging.sink(LogSink.discard());
    LauncherLogging.threshold(Level.INFO);
    LauncherLogging.remoteHost(null);
  }

  @Test
  void controlCharactersFromClientTextCannotStartANewLogLine() {
    logger.info("C: {}", "USER a\nforged line\r");
    assertEquals(List.of("INFO C: USER a?forged line?"), lines);
  }

  @Test
  void debugLinesAreDroppedUnlessTheThresholdIsDebug() {
    logger.debug("hidden");
    LauncherLogging.threshold(Level.DEBUG);
    logger.debug("shown");
    assertEquals(List.of("DEBUG shown"), lines);
  }

  @Test
  void everyLineCarriesTheRemoteHostName() {
    LauncherLogging.remoteHost("client.example");
    logger.warn("x");
    assertTrue(lines.get(0).contains("host=client.example x"), lines.toString());
  }

  @Test
  void stackTracesStayOnOneLine() {
    logger.error("failed", new IllegalStateException("boom"));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("IllegalStateException: boom"), lines.get(0));
    assertTrue(!lines.get(0).contains("\n"));
  }
}
