package io.mdpop3j.examples.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemon mode: the timeouts docs/mdpop3d.md promises, seen by a client. */
class DaemonTimeoutsIT {
  static final int BIG = 32 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void idleTimeoutOptionAlsoBoundsAWriteToAClientThatStoppedReading() throws Exception {
    SessionFixture f = new SessionFixture(dir);
    // 64 octets: the message is whole lines, so its wire size is BIG plus one CR per line.
    byte[] line =
        "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopq\n".getBytes(UTF_8);
    byte[] big = new byte[BIG];
    for (int i = 0; i < BIG; i += line.length) {
      System.arraycopy(line, 0, big, i, Math.min(line.length, BIG - i));
    }
    Path message = f.maildir.resolve("new").resolve("0000000001.big.host");
    Files.write(message, big);
    // Oldest first: the big message is message 1.
    Files.setLastModifiedTime(message, java.nio.file.attribute.FileTime.fromMillis(1000));
    if (SessionFixture.isRoot()) {
      SessionFixture.chownTree(f.home, SessionFixture.NOBODY);
    }
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
            RunningDaemon.start(
                Mdpop3dProcess.command(
                    f.args("--listen", "127.0.0.1:" + port, "--timeout.idle=2s")),
                Map.of(),
                dir,
                port);
        Socket s = new Socket()) {
      s.setReceiveBufferSize(8 * 1024);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write((f.login() + "RETR 1\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // The client stops reading; the server's write blocks on a full window.
      Thread.sleep(7_000);

      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
      assertTrue(head.contains("+OK " + (BIG + BIG / line.length) + " octets"), head);
      long received = 200 + drain(in);
      assertTrue(
          received < BIG,
          "the server was still writing after 7 s; the client got all " + received + " octets");
      assertTrue(d.alive());
    }
  }

  /** Reads to the end (or a reset) and counts the octets. */
  private static long drain(InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
    } catch (IOException e) {
      // A reset: the server aborted the connection.
    }
    Arrays.fill(buffer, (byte) 0);
    return total;
  }
}
