package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default log: syslog(3), facility mail, as mdpop3d. A Python datagram socket stands in for the
 * syslog daemon at /dev/log (so this runs as root on a machine without one).
 */
@EnabledIf("io.mdpop3j.examples.launcher.SyslogIT#canListenOnDevLog")
@RequiresPackages({"python3", "ucspi-tcp"})
class SyslogIT {
  private static final Path DEV_LOG = Path.of("/dev/log");

  @TempDir Path dir;
  SessionFixture f;
  Process listener;
  Path received;

  static boolean canListenOnDevLog() {
    return SessionFixture.isRoot() && !Files.exists(DEV_LOG);
  }

  @BeforeEach
  void listen() throws Exception {
    f = new SessionFixture(dir);
    received = dir.resolve("syslog");
    String script =
        """
        import socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind('/dev/log')
        out = open(sys.argv[1], 'ab', buffering=0)
        print('ready', flush=True)
        while True:
            out.write(s.recv(65536) + b'\\n')
        """;
    listener =
        new ProcessBuilder("python3", "-c", script, received.toString())
            .redirectErrorStream(true)
            .start();
    InputStream in = listener.getInputStream();
    byte[] ready = new byte[6];
    assertEquals(6, in.readNBytes(ready, 0, 6));
  }

  @AfterEach
  void stop() throws Exception {
    listener.destroy();
    listener.waitFor(10, TimeUnit.SECONDS);
    Files.deleteIfExists(DEV_LOG);
  }

  private String lines() throws Exception {
    Thread.sleep(200);
    return Files.exists(received) ? Files.readString(received) : "";
  }

  @Test
  void sessionsAreLoggedToSyslogWithFacilityMail() throws Exception {
    Mdpop3dProcess.run(Map.of(), dir, f.login() + "QUIT\r\n", f.argsWithoutLog());
    String log = lines();
    // <22> is LOG_MAIL (2 << 3) | LOG_INFO (6); the ident carries the pid.
    assertTrue(log.matches("(?s).*<22>.*mdpop3d\\[\\d+\\]: .*connect from .*"), log);
    assertTrue(log.contains("disconnect (QUIT)"), log);
    assertFalse(log.contains("<23>"), "no debug lines without -d: " + log);
  }

  @Test
  void debugOptionLogsCommandsAtLogDebug() throws Exception {
    Mdpop3dProcess.run(Map.of(), dir, f.login() + "QUIT\r\n", f.argsWithoutLog("-d"));
    String log = lines();
    assertTrue(log.matches("(?s).*<23>.*C: PASS <hidden>.*"), log);
    assertFalse(log.contains(MailFixture.PASSWORD), log);
  }

  @Test
  void quietOptionLogsNoConnects() throws Exception {
    Mdpop3dProcess.run(Map.of(), dir, f.login() + "QUIT\r\n", f.argsWithoutLog("-q"));
    assertFalse(lines().contains("connect from"), lines());
  }

  @Test
  void usageErrorGoesToSyslogWhenStderrIsTheClientsSocket() throws Exception {
    int port = Mdpop3dProcess.freePort();
    List<String> java = Mdpop3dProcess.command("-x");
    String script = "exec " + String.join(" ", java) + " 2>&1";
    try (RunningDaemon d =
        RunningDaemon.start(
            List.of(
                "tcpserver",
                "-q",
                "-R",
                "-H",
                "-l",
                "localhost",
                "127.0.0.1",
                "" + port,
                "sh",
                "-c",
                script),
            Map.of(),
            dir,
            port)) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(30_000);
        assertEquals(0, s.getInputStream().readAllBytes().length, "the client reads nothing");
      }
      assertTrue(d.alive(), "the server outlives its sessions");
    }
    assertTrue(lines().contains("usage error: unknown option -x"), lines());
  }
}
