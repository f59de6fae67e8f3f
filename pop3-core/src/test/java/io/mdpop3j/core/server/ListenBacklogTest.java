package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.testing.RequiresPackages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listen backlog the kernel really holds, read back with {@code ss} (a listening socket's
 * Send-Q is its backlog): room for a burst of connects, as the builder documents.
 */
@RequiresPackages({"iproute2"})
class ListenBacklogTest {
  private static Pop3ServerBuilder server() {
    return Pop3Server.builder()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .authenticator(new MemoryAuthenticator())
        .mailStore(new MemoryMailStore());
  }

  @Test
  void theDefaultBacklogHoldsABurstOfThousandsUpToTheKernelsCap() throws Exception {
    try (Pop3Server s = server().build()) {
      s.start();
      assertEquals(Math.min(Pop3ServerBuilder.DEFAULT_BACKLOG, somaxconn()), backlogOf(s.port()));
    }
  }

  @Test
  void theBacklogIsTheOneTheBuilderWasGiven() throws Exception {
    try (Pop3Server s = server().backlog(700).build()) {
      s.start();
      assertEquals(700, backlogOf(s.port()));
    }
  }

  private static int somaxconn() throws Exception {
    // readAllLines: a single read of a /proc file may come back short.
    return Integer.parseInt(
        Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
  }

  /** The Send-Q column of {@code ss -Hltn} for the listener on {@code port}. */
  private static int backlogOf(int port) throws Exception {
    Process p = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    p.waitFor(10, TimeUnit.SECONDS);
    List<String> columns = List.of(out.trim().split("\\s+", 0));
    return Integer.parseInt(columns.get(2));
  }
}
