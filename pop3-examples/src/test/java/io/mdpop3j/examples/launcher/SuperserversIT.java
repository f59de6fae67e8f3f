package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-ups of docs/mdpop3d.md: classic inetd (openbsd-inetd) and xinetd, which put the socket on
 * fd 2 too, and systemd socket activation with Accept=yes (systemd-socket-activate --accept
 * --inetd).
 */
class SuperserversIT {
  @TempDir Path dir;
  SessionFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SessionFixture(dir);
  }

  private byte[] curl(int port, String path) throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.tool(
            dir,
            Map.of(),
            "curl",
            "-sS",
            "-u",
            SessionFixture.USER + ":" + MailFixture.PASSWORD,
            "pop3://127.0.0.1:" + port + "/" + path);
    assertEquals(0, r.exit(), r.stderr());
    return r.stdout();
  }

  private static String firstLine(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** xinetd and openbsd-inetd conflict in Debian; CI installs openbsd-inetd. */
  static boolean xinetdInstalled() {
    return SessionFixture.isRoot() && Files.isExecutable(Path.of("/usr/sbin/xinetd"));
  }

  @Test
  @EnabledIf("io.mdpop3j.examples.launcher.SuperserversIT#xinetdInstalled")
  void underXinetdWithTheSocketAsStderrTheClientReadsOnlyProtocol() throws Exception {
    int port = Mdpop3dProcess.freePort();
    // -d --log stderr: every command line would go to fd 2, the client's socket under xinetd.
    List<String> java = Mdpop3dProcess.command(f.argsWithoutLog("-d", "--log", "stderr"));
    Path conf = dir.resolve("xinetd.conf");
    Files.writeString(
        conf,
        "defaults\n{\n}\nservice mdpop3d-it\n{\n  type = UNLISTED\n  port = "
            + port
            + "\n  bind = 127.0.0.1\n  socket_type = stream\n  protocol = tcp\n  wait = no\n"
            + "  user = root\n  server = "
            + java.get(0)
            + "\n  server_args = "
            + String.join(" ", java.subList(1, java.size()))
            + "\n}\n");
    List<String> xinetd =
        new ArrayList<>(
            List.of(
                "xinetd",
                "-dontfork",
                "-f",
                conf.toString(),
                "-pidfile",
                dir.resolve("pid").toString()));
    try (RunningDaemon d = RunningDaemon.start(xinetd, Map.of(), dir, port)) {
      String transcript = firstLine(port);
      assertTrue(transcript.startsWith("+OK "), transcript);
      assertEquals("+OK Logging out.", transcript.split(Pattern.quote("\r\n"), 0)[1], transcript);
      assertArrayEquals(f.messages.values().iterator().next(), MailFixture.lf(curl(port, "1")));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  @RequiresPackages({"systemd", "curl"})
  void underSystemdSocketActivationWithAcceptTheSessionRunsOnTheSocket() throws Exception {
    int port = Mdpop3dProcess.freePort();
    List<String> command =
        new ArrayList<>(
            List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "--accept", "--inetd"));
    command.addAll(Mdpop3dProcess.command(f.args()));
    try (RunningDaemon d = RunningDaemon.start(command, Map.of(), dir, port)) {
      assertArrayEquals(f.messages.values().iterator().next(), MailFixture.lf(curl(port, "1")));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
    assertTrue(f.logText().contains("connect from 127.0.0.1"), f.logText());
  }

  @Test
  @RequiresPackages({"openbsd-inetd", "curl"})
  @EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
  void underClassicInetdTheWrapperKeepsEvenJvmWarningsOffTheSocket() throws Exception {
    int port = Mdpop3dProcess.freePort();
    // inetd.conf as docs/mdpop3d.md has it, with -d --log stderr and a JVM flag that warns on fd 2.
    Path conf = dir.resolve("inetd.conf");
    Files.writeString(
        conf,
        "127.0.0.1:"
            + port
            + " stream tcp nowait root "
            + Mdpop3dProcess.script()
            + " mdpop3d -d --log stderr "
            + String.join(" ", f.argsWithoutLog())
            + "\n");
    Map<String, String> env =
        Map.of(
            "MDPOP3D_JAR", Mdpop3dProcess.jar().toString(),
            "MDPOP3D_CDS", "none",
            "MDPOP3D_JAVA_OPTS", "-Xverify:none");
    try (RunningDaemon d =
        RunningDaemon.start(List.of("inetd", "-d", conf.toString()), env, dir, port)) {
      String transcript = firstLine(port);
      assertTrue(transcript.startsWith("+OK "), transcript);
      assertEquals("+OK Logging out.", transcript.split(Pattern.quote("\r\n"), 0)[1], transcript);
      assertArrayEquals(f.messages.values().iterator().next(), MailFixture.lf(curl(port, "1")));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  @RequiresPackages("openbsd-inetd")
  @EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
  void underClassicInetdTheJarAloneKeepsItsLogOffTheSocket() throws Exception {
    int port = Mdpop3dProcess.freePort();
    List<String> java = Mdpop3dProcess.command(f.argsWithoutLog("-d", "--log", "stderr"));
    Path conf = dir.resolve("inetd.conf");
    Files.writeString(
        conf,
        "127.0.0.1:"
            + port
            + " stream tcp nowait root "
            + java.get(0)
            + " java "
            + String.join(" ", java.subList(1, java.size()))
            + "\n");
    try (RunningDaemon d =
        RunningDaemon.start(List.of("inetd", "-d", conf.toString()), Map.of(), dir, port)) {
      String transcript = firstLine(port);
      assertTrue(transcript.startsWith("+OK "), transcript);
      assertEquals("+OK Logging out.", transcript.split(Pattern.quote("\r\n"), 0)[1], transcript);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }
}
