package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * inetd mode under ucspi-tcp's tcpserver: the client's socket is the inherited channel. Also fd 2
 * on the socket (as classic inetd passes it): the client must read protocol bytes only.
 */
@RequiresPackages("ucspi-tcp")
class TcpserverIT {
  @TempDir Path dir;
  SessionFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SessionFixture(dir);
  }

  /** tcpserver on 127.0.0.1:port running {@code program}; -R -H: no ident or DNS look-ups. */
  private RunningDaemon tcpserver(int port, Map<String, String> env, String... program)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("tcpserver", "-q", "-R", "-H", "-l", "localhost", "127.0.0.1", "" + port));
    command.addAll(List.of(program));
    return RunningDaemon.start(command, env, dir, port);
  }

  /** Connects, sends the whole session, and returns every byte the server sent. */
  private static byte[] converse(int port, String commands) throws Exception {
    return converse(port, commands, 30_000);
  }

  private static byte[] converse(int port, String commands, int timeoutMillis) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(commands.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      in.transferTo(got);
      return got.toByteArray();
    }
  }

  private String sh(String launch) {
    return "exec " + launch + " " + String.join(" ", quoted(f.argsWithoutLog())) + " 2>&1";
  }

  private static List<String> quoted(String[] args) {
    List<String> q = new ArrayList<>();
    for (String a : args) {
      q.add("'" + a.replace("'", "'\\''") + "'");
    }
    return q;
  }

  @Test
  void sessionRunsOnTheInheritedSocketAndLogsTheClientAddress() throws Exception {
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        tcpserver(port, Map.of(), Mdpop3dProcess.command(f.args()).toArray(new String[0]))) {
      byte[] got = converse(port, f.login() + "RETR 1\r\nQUIT\r\n");
      List<byte[]> lines = Pop3Reply.lines(got);
      assertArrayEquals(
          f.messages.values().iterator().next(),
          Pop3Reply.multiLineBody(lines, Pop3Reply.find(lines, "+OK", 3)));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
    assertTrue(f.logText().contains("connect from 127.0.0.1"), f.logText());
  }

  @Test
  void stderrOnTheSocketCarriesNothingButProtocolEvenWhenAskedToLogThere() throws Exception {
    int port = Mdpop3dProcess.freePort();
    List<String> command = Mdpop3dProcess.command(f.argsWithoutLog("-d", "--log", "stderr"));
    String script = "exec " + String.join(" ", quoted(command.toArray(new String[0]))) + " 2>&1";
    try (RunningDaemon d = tcpserver(port, Map.of(), "sh", "-c", script)) {
      byte[] got = converse(port, f.login() + "LIST\r\nQUIT\r\n");
      String text = new String(got, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("+OK "), text);
      for (String line : text.split(Pattern.quote("\r\n"), 0)) {
        assertFalse(line.contains("DEBUG") || line.contains("INFO") || line.contains("C: "), text);
      }
      assertTrue(text.endsWith("+OK Logging out.\r\n"), text);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void wrapperKeepsJvmWarningsOffTheSocket() throws Exception {
    int port = Mdpop3dProcess.freePort();
    // -Xverify:none makes the JVM print a deprecation warning on fd 2 before main() runs.
    try (RunningDaemon d =
        tcpserver(
            port,
            Map.of(
                "MDPOP3D_JAVA_OPTS",
                "-Xverify:none",
                "MDPOP3D_JAR",
                Mdpop3dProcess.jar().toString(),
                "MDPOP3D_CDS",
                "none"),
            "sh",
            "-c",
            sh(Mdpop3dProcess.script().toString()))) {
      byte[] got = converse(port, f.login() + "STAT\r\nQUIT\r\n");
      String text = new String(got, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("+OK "), text);
      assertFalse(text.contains("warning"), text);
      for (String line : text.split(Pattern.quote("\r\n"), 0)) {
        assertTrue(line.startsWith("+OK"), text);
      }
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void wrapperMakesAnAppCdsArchiveOnFirstUseAndServesWithIt() throws Exception {
    Path jar = dir.resolve("mdpop3d.jar");
    java.nio.file.Files.copy(Mdpop3dProcess.jar(), jar);
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        tcpserver(
            port,
            Map.of("MDPOP3D_JAR", jar.toString()),
            Mdpop3dProcess.script().toString(),
            "--auth",
            "passwd-file:" + f.passwd,
            "--auth-failure-delay=0")) {
      String first =
          new String(converse(port, f.login() + "STAT\r\nQUIT\r\n"), StandardCharsets.UTF_8);
      assertTrue(first.contains("+OK 3 "), first);
      assertTrue(
          java.nio.file.Files.exists(dir.resolve("mdpop3d.jsa")),
          "no AppCDS archive beside the jar");
      String second =
          new String(converse(port, f.login() + "STAT\r\nQUIT\r\n"), StandardCharsets.UTF_8);
      assertTrue(second.contains("+OK 3 "), second);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  /** Temurin 25, where the machines have it: the JDK whose AOT cache the wrapper makes. */
  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  /** The wrapper on Java 25 with stderr on the socket too, as classic inetd passes it. */
  private RunningDaemon wrapperOnJava25(int port, Path jar, String javaOpts) throws Exception {
    return tcpserver(
        port,
        Map.of(
            "JAVA",
            JAVA_25.toString(),
            "MDPOP3D_JAR",
            jar.toString(),
            "MDPOP3D_JAVA_OPTS",
            javaOpts),
        "sh",
        "-c",
        sh(Mdpop3dProcess.script().toString()));
  }

  /** Every line the server sent is a POP3 reply line: no JVM warning, no log line. */
  private static void assertOnlyPop3(String transcript) {
    assertTrue(transcript.startsWith("+OK ") && transcript.endsWith("\r\n"), transcript);
    for (String line : transcript.split(Pattern.quote("\r\n"), 0)) {
      assertTrue(line.startsWith("+OK") || line.equals("."), transcript);
    }
  }

  @Test
  void onJava25TheWrapperMakesAnAotCacheOnFirstUseAndMapsItSilently() throws Exception {
    assumeTrue(Files.isExecutable(JAVA_25), "no JDK 25 at " + JAVA_25);
    Path jar = dir.resolve("mdpop3d.jar");
    Files.copy(Mdpop3dProcess.jar(), jar);
    Path aotLog = dir.resolve("aot.log");
    int port = Mdpop3dProcess.freePort();
    // The JVM's own account of the cache goes to a file; the socket must carry POP3 alone.
    try (RunningDaemon d = wrapperOnJava25(port, jar, "-Xlog:aot=info:file=" + aotLog + ":none")) {
      // The first session waits for the training run and the cache's assembly.
      String first =
          new String(
              converse(port, f.login() + "STAT\r\nQUIT\r\n", 180_000), StandardCharsets.UTF_8);
      assertTrue(first.contains("+OK 3 "), first);
      assertTrue(Files.size(dir.resolve("mdpop3d.aot")) > 0, "no AOT cache beside the jar");
      assertFalse(Files.exists(dir.resolve("mdpop3d.jsa")), "an AppCDS archive on Java 25");
      Files.delete(aotLog);
      String second =
          new String(
              converse(port, f.login() + "STAT\r\nNOOP\r\nQUIT\r\n"), StandardCharsets.UTF_8);
      assertOnlyPop3(second);
      assertTrue(second.contains("+OK 3 "), second);
      String log = Files.readString(aotLog);
      assertTrue(log.contains("Opened AOT cache " + dir.resolve("mdpop3d.aot")), log);
      assertTrue(log.contains("Using AOT-linked classes: true"), log);
      assertFalse(log.contains("error"), log);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void onJava25ACacheTheJvmCannotUseIsIgnoredWithoutAWordOnTheSocket() throws Exception {
    assumeTrue(Files.isExecutable(JAVA_25), "no JDK 25 at " + JAVA_25);
    Path jar = dir.resolve("mdpop3d.jar");
    Files.copy(Mdpop3dProcess.jar(), jar);
    // Newer than the jar, so the wrapper keeps it: as a cache of another JDK build would be.
    Path cache = dir.resolve("mdpop3d.aot");
    Files.write(
        cache,
        "not an AOT cache, but long enough to have a header"
            .repeat(100)
            .getBytes(StandardCharsets.US_ASCII));
    Files.setLastModifiedTime(
        cache,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(jar).toMillis() + 60_000));
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d = wrapperOnJava25(port, jar, "")) {
      String got =
          new String(
              converse(port, f.login() + "STAT\r\nQUIT\r\n", 120_000), StandardCharsets.UTF_8);
      assertOnlyPop3(got);
      assertTrue(got.contains("+OK 3 "), got);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }
}
