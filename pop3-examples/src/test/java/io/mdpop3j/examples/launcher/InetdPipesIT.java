package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inetd mode with the client on stdin/stdout pipes, through the real jar. */
class InetdPipesIT {

  @TempDir Path dir;
  SessionFixture f;

  @BeforeEach
  void setUp() throws IOException {
    f = new SessionFixture(dir);
  }

  private Mdpop3dProcess.Result session(Map<String, String> env, String commands, String... args)
      throws Exception {
    return Mdpop3dProcess.run(env, dir, f.login() + commands, f.args(args));
  }

  @Test
  void retrReturnsEveryStoredByteAndQuitMovesNewToCur() throws Exception {
    Mdpop3dProcess.Result r = session(Map.of(), "RETR 1\r\nRETR 2\r\nRETR 3\r\nQUIT\r\n");
    assertEquals(0, r.exit(), r.stderr());
    List<byte[]> lines = Pop3Reply.lines(r.stdout());
    assertTrue(new String(lines.get(0), StandardCharsets.US_ASCII).startsWith("+OK"));
    int at = Pop3Reply.find(lines, "+OK Logged in", 0);
    for (byte[] expected : f.messages.values()) {
      at = Pop3Reply.find(lines, "+OK", at + 1);
      assertArrayEquals(expected, Pop3Reply.multiLineBody(lines, at));
    }
    try (Stream<Path> files = Files.list(f.maildir.resolve("cur"))) {
      assertEquals(3, files.count());
    }
  }

  @Test
  void listReportsExactWireSizes() throws Exception {
    Mdpop3dProcess.Result r = session(Map.of(), "LIST\r\nQUIT\r\n");
    String out = r.out();
    int n = 1;
    for (byte[] m : f.messages.values()) {
      long lf = 0;
      for (byte b : m) {
        lf += b == '\n' ? 1 : 0;
      }
      assertTrue(out.contains("\r\n" + n + " " + (m.length + lf) + "\r\n"), out);
      n++;
    }
  }

  @Test
  void withoutQuitNothingIsDeleted() throws Exception {
    session(Map.of(), "DELE 1\r\n");
    assertEquals(3, MailFixture.messageFiles(f.maildir).size());
  }

  @Test
  void commitOnErrorOptionDeletesEvenWithoutQuit() throws Exception {
    session(Map.of(), "DELE 1\r\n", "-c");
    assertEquals(2, MailFixture.messageFiles(f.maildir).size());
  }

  @Test
  void timeoutOptionEndsAnIdleSession() throws Exception {
    Process p = Mdpop3dProcess.start(Mdpop3dProcess.command(f.args("-t", "1")), Map.of(), dir);
    OutputStream in = p.getOutputStream();
    in.write(f.login().getBytes(StandardCharsets.US_ASCII));
    in.flush();
    long started = System.nanoTime();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "session did not time out");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(out.contains("-ERR Disconnected for inactivity."), out);
    assertTrue(seconds < 10, "took " + seconds + " s");
    in.close();
  }

  @Test
  void maildirOptionNamesTheFolderBelowHome() throws Exception {
    MailFixture.maildir(
        f.home.resolve("Mail"), Map.of("1.x.y", MailFixture.ascii("Subject: m\n\nx\n")));
    if (SessionFixture.isRoot()) {
      SessionFixture.chownTree(f.home, SessionFixture.NOBODY);
    }
    assertTrue(session(Map.of(), "STAT\r\nQUIT\r\n", "-m", "Mail").out().contains("+OK 1 "));
  }

  @Test
  void maildirDotIsTheHomeDirectoryItself() throws Exception {
    Path home = f.maildir;
    Files.writeString(
        f.passwd, Files.readString(f.passwd).replace(f.home.toString(), home.toString()));
    assertTrue(session(Map.of(), "STAT\r\nQUIT\r\n", "-m.").out().contains("+OK 3 "));
  }

  @Test
  void sessionsAreLoggedWithTheClientAddressFromTcpremoteip() throws Exception {
    session(Map.of("TCPREMOTEIP", "192.0.2.9", "TCPREMOTEPORT", "4711"), "QUIT\r\n");
    String log = f.logText();
    assertTrue(log.contains("connect from 192.0.2.9"), log);
    assertTrue(log.contains("disconnect (QUIT)"), log);
  }

  @Test
  void quietOptionLeavesOutConnectAndDisconnect() throws Exception {
    session(Map.of(), "QUIT\r\n", "-q");
    assertFalse(f.logText().contains("connect from"), f.logText());
  }

  @Test
  void debugOptionLogsCommandsWithThePasswordHidden() throws Exception {
    session(Map.of(), "NOOP\r\nQUIT\r\n", "-d");
    String log = f.logText();
    assertTrue(log.contains("C: PASS <hidden>"), log);
    assertTrue(log.contains("C: NOOP"), log);
    assertFalse(log.contains(MailFixture.PASSWORD), log);
  }

  @Test
  void withoutDebugNoCommandIsLogged() throws Exception {
    session(Map.of(), "NOOP\r\nQUIT\r\n");
    assertFalse(f.logText().contains("C: NOOP"), f.logText());
  }

  @Test
  void remoteHostOptionNamesTheClientInTheLog() throws Exception {
    session(Map.of("REMOTE_HOST", "env.example"), "QUIT\r\n", "-r", "opt.example");
    assertTrue(f.logText().contains("host=opt.example"), f.logText());
  }

  @Test
  void hostVariableOptionReadsTheNamedVariable() throws Exception {
    session(Map.of("MYHOST", "var.example"), "QUIT\r\n", "-R", "MYHOST");
    assertTrue(f.logText().contains("host=var.example"), f.logText());
  }

  @Test
  void hostVariableOptionRefusesToStartWhenTheVariableIsMissing() throws Exception {
    Mdpop3dProcess.Result r = session(Map.of(), "QUIT\r\n", "-R", "MYHOST");
    assertEquals(2, r.exit());
    assertEquals(0, r.stdout().length, "no greeting without the variable");
    assertTrue(r.stderr().startsWith("mdpop3d: option -R MYHOST"), r.stderr());
  }

  @Test
  void remoteHostVariableNamesTheClientInTheLog() throws Exception {
    session(Map.of("REMOTE_HOST", "client.example"), "QUIT\r\n");
    assertTrue(f.logText().contains("host=client.example"), f.logText());
  }

  @Test
  void leaveNewOptionKeepsMessagesInNewAtQuit() throws Exception {
    assertTrue(session(Map.of(), "RETR 1\r\nQUIT\r\n", "-n").out().contains("+OK Logging out"));
    try (Stream<Path> files = Files.list(f.maildir.resolve("new"))) {
      assertEquals(3, files.count());
    }
  }

  @Test
  void apopOptionPutsATimestampWithTheHostTagInTheGreetingAndApopLogsIn() throws Exception {
    Process p =
        Mdpop3dProcess.start(
            Mdpop3dProcess.command(f.args("-A", "-T", "mail.example")), Map.of(), dir);
    var reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    String greeting = reader.readLine();
    Matcher m = Pattern.compile("(<[^>]*@mail\\.example>)").matcher(greeting);
    assertTrue(m.find(), greeting);
    String digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("MD5")
                    .digest((m.group(1) + MailFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    OutputStream in = p.getOutputStream();
    in.write(
        ("APOP " + SessionFixture.USER + " " + digest + "\r\nQUIT\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    in.flush();
    String reply = reader.readLine();
    assertTrue(reply.startsWith("+OK"), reply);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
  }

  @Test
  void withoutApopOptionTheGreetingHasNoTimestamp() throws Exception {
    String greeting = session(Map.of(), "QUIT\r\n").out().lines().findFirst().orElseThrow();
    assertFalse(greeting.contains("<"), greeting);
  }

  @Test
  void wrongPasswordIsRefusedAndNothingIsServed() throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(Map.of(), dir, "USER vera\r\nPASS wrong\r\nQUIT\r\n", f.args());
    assertTrue(r.out().contains("-ERR [AUTH]"), r.out());
  }

  @Test
  void providerSettingAsALongOptionReachesTheMailStore() throws Exception {
    Files.writeString(
        f.passwd, Files.readString(f.passwd).replace(f.home.toString(), f.home + "/nowhere"));
    String out = session(Map.of(), "QUIT\r\n", "--maildir.missing=fail").out();
    assertTrue(out.contains("-ERR [SYS/PERM] Maildir does not exist."), out);
  }

  @Test
  void greetingOptionSetsTheGreetingText() throws Exception {
    String out = session(Map.of(), "QUIT\r\n", "--greeting=Hello from the tests.").out();
    assertTrue(out.startsWith("+OK Hello from the tests.\r\n"), out);
  }

  @Test
  void maxFailedLoginsOptionEndsTheSessionAfterThatMany() throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            Map.of(), dir, "USER vera\r\nPASS wrong\r\nNOOP\r\n", f.args("--max-failed-logins=1"));
    List<byte[]> lines = Pop3Reply.lines(r.stdout());
    assertEquals(3, lines.size(), "greeting, USER, PASS, and no reply to NOOP: " + r.out());
    assertTrue(new String(lines.get(2), StandardCharsets.US_ASCII).startsWith("-ERR"), r.out());
    assertTrue(f.logText().contains("AUTH_FAILURES"), f.logText());
  }
}
