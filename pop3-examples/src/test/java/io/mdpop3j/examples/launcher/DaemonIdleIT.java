package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemon mode: idle sessions give their threads back (--idle-thread-release) and still answer. */
class DaemonIdleIT {
  static final int SESSIONS = 40;

  @TempDir Path dir;
  SessionFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SessionFixture(dir);
  }

  private static int threads(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring("Threads:".length()).trim());
      }
    }
    throw new AssertionError("no thread count for " + pid);
  }

  private static String line(BufferedReader in) throws Exception {
    String l = in.readLine();
    return l == null ? "<closed>" : l;
  }

  @Test
  void idleLoggedInSessionsHoldNoThreadAndStillAnswer() throws Exception {
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        RunningDaemon.start(
            Mdpop3dProcess.command(
                f.args(
                    "--listen",
                    "127.0.0.1:" + port,
                    "--idle-thread-release=0",
                    "--set",
                    "maildir.lock=none")),
            Map.of(),
            dir,
            port)) {
      long pid = d.process.pid();
      List<Socket> sockets = new ArrayList<>();
      List<BufferedReader> readers = new ArrayList<>();
      try {
        for (int i = 0; i < SESSIONS; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          s.setSoTimeout(20_000);
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
          OutputStream out = s.getOutputStream();
          assertTrue(line(in).startsWith("+OK"));
          out.write(f.login().getBytes(StandardCharsets.US_ASCII));
          out.flush();
          assertTrue(line(in).startsWith("+OK"));
          String pass = line(in);
          assertTrue(pass.startsWith("+OK"), pass);
          sockets.add(s);
          readers.add(in);
        }
        // The server's pool lets a thread go 5 s after its session parked.
        long deadline = System.nanoTime() + 20_000_000_000L;
        int now = threads(pid);
        while (now >= SESSIONS && System.nanoTime() < deadline) {
          Thread.sleep(200);
          now = threads(pid);
        }
        assertTrue(now < SESSIONS, "threads with " + SESSIONS + " idle sessions: " + now);
        for (int i = 0; i < SESSIONS; i++) {
          sockets.get(i).getOutputStream().write("STAT\r\n".getBytes(StandardCharsets.US_ASCII));
          sockets.get(i).getOutputStream().flush();
          String stat = line(readers.get(i));
          assertTrue(stat.startsWith("+OK " + f.messages.size() + " "), stat);
        }
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      assertTrue(d.alive());
    }
  }
}
