package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.MdcSimpleServiceProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the session log says about proxied connections, read from a child JVM's slf4j-simple. */
class ProxyLoggingTest {

  private static String probeLog() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dslf4j.provider=" + MdcSimpleServiceProvider.class.getName(),
                ProxyLoggingProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("PROBE DONE"), out);
    return out;
  }

  @Test
  void aRelayedSessionIsLoggedUnderTheClientsAddressAndABadHeaderInOneLine() throws Exception {
    String log = probeLog();

    assertTrue(log.contains("connect from 192.0.2.10 via 127.0.0.1"), log);
    assertTrue(log.contains("MDC[USER alice] remote=192.0.2.10"), log);
    assertTrue(log.contains("MDC[QUIT] remote=192.0.2.10"), log);
    assertFalse(log.contains("connect from 127.0.0.1"), log);
    assertEquals(
        1,
        log.lines()
            .filter(l -> l.contains("INFO"))
            .filter(l -> l.contains("closing connection from balancer 127.0.0.1"))
            .filter(l -> l.contains("not a PROXY protocol header"))
            .count(),
        log);
    assertTrue(log.contains("disconnect (PROXY_HEADER_INVALID)"), log);
    assertFalse(log.contains("MDC[CAPA]"), "junk from a trusted balancer is never a command");
  }
}
