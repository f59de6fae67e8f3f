package io.mdpop3j.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This host's name, for the APOP timestamp, found without waiting on DNS: the kernel's node name
 * where the system shows it, else the resolver's answer within {@link #LOOKUP_BOUND}, else {@code
 * localhost}. A host whose resolver is down must still start (and, under inetd, greet) at once.
 */
final class LocalHostName {

  /** The longest a server start waits for the resolver to name this host. */
  static final Duration LOOKUP_BOUND = Duration.ofMillis(500);

  private static final Path NODE_NAME = Path.of("/proc/sys/kernel/hostname");

  private LocalHostName() {}

  static String find() {
    try {
      // readAllLines reads to the end: one read of a /proc file may come back short (gVisor).
      List<String> lines = Files.readAllLines(NODE_NAME);
      String name = lines.isEmpty() ? "" : lines.get(0).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: ask the resolver, within the bound.
    }
    CompletableFuture<String> lookup = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                lookup.complete(InetAddress.getLocalHost().getHostName());
              } catch (IOException | RuntimeException e) {
                lookup.complete("localhost");
              }
            },
            "pop3-hostname");
    t.setDaemon(true);
    t.start();
    try {
      return lookup.get(LOOKUP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return "localhost";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "localhost";
    }
  }
}
