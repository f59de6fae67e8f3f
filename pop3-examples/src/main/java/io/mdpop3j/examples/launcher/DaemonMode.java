package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.Pop3Server;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many sessions in one long-running process ({@code --listen}, {@code --listen-tls}). One JVM
 * cannot change user per session, so the daemon runs as the owner of the mail it serves.
 */
final class DaemonMode {

  private static final Logger log = LoggerFactory.getLogger(DaemonMode.class);

  private DaemonMode() {}

  /** Starts the listeners and returns only when binding fails. */
  static int run(LaunchOptions o) throws UsageException {
    Pop3Server server = ServerAssembly.server(o, ServerAssembly.Mode.DAEMON);
    try {
      server.start();
    } catch (IOException e) {
      log.error("{}", e.getMessage());
      Main.reportStartFailure(e.getMessage());
      return Main.EXIT_FAILURE;
    }
    log.info(
        "listening: plain {} tls {} (STLS {})",
        o.listeners().plain(),
        o.listeners().implicitTls(),
        server.hasTls() && o.tls().stls().orElse(true) ? "offered" : "off");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  server.close();
                  stopped.countDown();
                },
                "mdpop3d-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
