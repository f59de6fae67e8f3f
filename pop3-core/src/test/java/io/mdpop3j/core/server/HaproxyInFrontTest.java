package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.RequiresPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HAProxy with {@code send-proxy-v2} in front of a real server, as the scale-out rig runs.
 */
@RequiresPackages("haproxy")
class HaproxyInFrontTest {

  @Test
  void aClientLoggingInThroughHaproxyIsSeenAtItsOwnAddressAndPort(@TempDir Path dir)
      throws Exception {
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b)) {
      int front = freePort();
      Path config = dir.resolve("haproxy.cfg");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global",
              "  maxconn 20",
              "defaults",
              "  mode tcp",
              "  timeout connect 2s",
              "  timeout client 10s",
              "  timeout server 10s",
              "frontend pop3",
              "  bind 127.0.0.1:" + front,
              "  default_backend pop3",
              "backend pop3",
              "  server pop 127.0.0.1:" + s.server.port() + " send-proxy-v2",
              ""));
      Process haproxy =
          new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("haproxy.log").toFile())
              .start();
      try {
        InetSocketAddress client;
        try (RawClient c = RawClient.over(connectWhenListening(front, haproxy, dir))) {
          client = (InetSocketAddress) c.socket().getLocalSocketAddress();
          c.expectOk(c.readLine());
          c.expectOk(c.command("USER alice"));
          c.expectOk(c.command("PASS secret"));
          c.expectOk(c.command("QUIT"));
        }

        ProxiedSessions.Ended end = s.awaitEnd();
        assertEquals(EndReason.QUIT, end.reason());
        assertEquals(Optional.of(client), s.logins.get(0).remote(), "the client, not haproxy");
        assertEquals(Optional.of(client), end.remote());
        assertEquals(front, s.logins.get(0).local().orElseThrow().getPort());
      } finally {
        haproxy.destroy();
        if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
          haproxy.destroyForcibly();
        }
      }
      assertTrue(s.server.awaitNoActiveSessions(Duration.ofSeconds(5)));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static Socket connectWhenListening(int port, Process process, Path dir)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return new Socket(InetAddress.getLoopbackAddress(), port);
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new UncheckedIOException(
              "haproxy did not listen on "
                  + port
                  + ": "
                  + Files.readString(dir.resolve("haproxy.log")),
              notYet);
        }
        Thread.sleep(50);
      }
    }
  }
}
