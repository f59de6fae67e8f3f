package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds of connections that send nothing, or one octet a second, are closed when the idle
 * timeout says, and a normal client still logs in while they hang on.
 */
@Timeout(90)
class SlowlorisTest {

  private static final int SILENT = 150;
  private static final int DRIBBLING = 150;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void slowConnectionsAreClosedOnTimeWhileANormalClientLogsIn() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");
    List<Socket> silent = new ArrayList<>();
    List<Socket> dribbling = new CopyOnWriteArrayList<>();
    try (Pop3Server server =
        Servers.plain(auth, store).idleTimeout(TIMEOUT).loginTimeout(TIMEOUT).build()) {
      server.start();
      Thread dribbler = new Thread(() -> dribble(dribbling), "dribbler");
      dribbler.setDaemon(true);
      dribbler.start();
      long start = System.nanoTime();
      for (int i = 0; i < SILENT + DRIBBLING; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        (i % 2 == 0 ? silent : dribbling).add(s);
      }
      long allOpen = System.nanoTime();

      long loginStart = System.nanoTime();
      try (RawClient normal = RawClient.login(server.port(), "alice", "s3cret")) {
        assertEquals("+OK 1 20", normal.command("STAT"));
        normal.expectOk(normal.command("QUIT"));
      }
      long loginMillis = (System.nanoTime() - loginStart) / 1_000_000;

      assertTrue(
          Servers.await(Duration.ofSeconds(8), () -> server.activeSessions() == 0),
          server.activeSessions() + " sessions still open");
      long closedMillis = (System.nanoTime() - allOpen) / 1_000_000;
      dribbler.interrupt();
      assertTrue(loginMillis < 3000, "the normal client took " + loginMillis + " ms");
      assertTrue(
          closedMillis < TIMEOUT.toMillis() + 5000,
          "the last slow connection closed " + closedMillis + " ms after all were open");
      System.out.printf(
          "slowloris: %d connections opened in %d ms, normal login %d ms, all closed %d ms later%n",
          SILENT + DRIBBLING, (allOpen - start) / 1_000_000, loginMillis, closedMillis);
    }
    for (Socket s : silent) {
      assertEquals("+OK mdpop3j ready.\r\n-ERR Disconnected for inactivity.\r\n", readToEnd(s));
    }
    for (Socket s : dribbling) {
      assertEquals("+OK mdpop3j ready.\r\n-ERR Disconnected for inactivity.\r\n", readToEnd(s));
    }
  }

  /** Sends one octet a second to each socket, never a line break, until interrupted. */
  private static void dribble(List<Socket> sockets) {
    while (!Thread.currentThread().isInterrupted()) {
      for (Socket s : sockets) {
        try {
          s.getOutputStream().write('U');
        } catch (IOException e) {
          // Closed by the server: as expected, sooner or later.
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String readToEnd(Socket s) throws IOException {
    try (s) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[256];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // A reset after the server closed: what was read is what counts.
      }
      return out.toString(StandardCharsets.US_ASCII);
    }
  }
}
