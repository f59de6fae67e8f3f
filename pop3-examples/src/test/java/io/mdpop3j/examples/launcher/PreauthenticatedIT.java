package io.mdpop3j.examples.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** {@code -a}/{@code -u}: the session starts in TRANSACTION on the working directory's Maildir. */
@RequiresPackages("util-linux")
class PreauthenticatedIT {
  /** Where the copy of the jar is that the session's user (uid 65534 under root) can read. */
  @TempDir static Path readable;

  static Path jar;

  @TempDir Path home;
  Map<String, byte[]> messages;
  Path log;

  @BeforeAll
  static void copyJar() throws Exception {
    jar = SessionFixture.isRoot() ? Mdpop3dProcess.jarForEveryUser(readable) : Mdpop3dProcess.jar();
  }

  @BeforeEach
  void setUp() throws Exception {
    messages = MailFixture.samples();
    MailFixture.maildir(home.resolve("Maildir"), messages);
    log = home.resolve("log");
    if (SessionFixture.isRoot()) {
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
      SessionFixture.chownTree(home, SessionFixture.NOBODY);
    }
  }

  private void giveToUser() throws Exception {
    if (SessionFixture.isRoot()) {
      SessionFixture.chownTree(home, SessionFixture.NOBODY);
    }
  }

  /** As checkpassword does: the session runs as the user, never as root. */
  private static List<String> asUser(String... args) {
    List<String> command = new ArrayList<>();
    if (SessionFixture.isRoot()) {
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    command.addAll(Mdpop3dProcess.command(jar, args));
    return command;
  }

  private Mdpop3dProcess.Result session(Map<String, String> env, String commands, String... args)
      throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--log";
    all[args.length + 1] = log.toString();
    return Mdpop3dProcess.run(asUser(all), env, home, commands.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void preauthenticatedSessionStartsInTransactionForLogname() throws Exception {
    Mdpop3dProcess.Result r =
        session(Map.of("LOGNAME", "alice"), "STAT\r\nRETR 1\r\nQUIT\r\n", "-a");
    List<byte[]> lines = Pop3Reply.lines(r.stdout());
    assertTrue(new String(lines.get(0), UTF_8).startsWith("+OK"), r.out());
    assertTrue(new String(lines.get(1), UTF_8).startsWith("+OK 3 "), r.out());
    assertArrayEquals(
        messages.values().iterator().next(),
        Pop3Reply.multiLineBody(lines, Pop3Reply.find(lines, "+OK", 2)));
    assertTrue(Files.readString(log).contains("user=alice"), Files.readString(log));
    try (Stream<Path> files = Files.list(home.resolve("Maildir").resolve("cur"))) {
      assertEquals(3, files.count());
    }
  }

  @Test
  void userOptionNamesTheUserAndBeatsLogname() throws Exception {
    session(Map.of("LOGNAME", "alice"), "QUIT\r\n", "-u", "bob");
    assertTrue(Files.readString(log).contains("user=bob"), Files.readString(log));
  }

  @Test
  void userVariableIsUsedWithoutLogname() throws Exception {
    session(Map.of("USER", "carol"), "QUIT\r\n", "-a");
    assertTrue(Files.readString(log).contains("user=carol"), Files.readString(log));
  }

  @Test
  void maildirVariableNamesAnotherMaildir() throws Exception {
    MailFixture.maildir(home.resolve("Other"), Map.of("1.a.b", MailFixture.ascii("S: x\n\nx\n")));
    giveToUser();
    String out =
        session(Map.of("LOGNAME", "alice", "MAILDIR", "Other"), "STAT\r\nQUIT\r\n", "-a").out();
    assertTrue(out.contains("+OK 1 "), out);
  }

  @Test
  void maildirOptionBeatsTheMaildirVariable() throws Exception {
    MailFixture.maildir(home.resolve("Other"), Map.of("1.a.b", MailFixture.ascii("S: x\n\nx\n")));
    giveToUser();
    String out =
        session(
                Map.of("LOGNAME", "alice", "MAILDIR", "Other"),
                "STAT\r\nQUIT\r\n",
                "-a",
                "-m",
                "Maildir")
            .out();
    assertTrue(out.contains("+OK 3 "), out);
  }

  @Test
  void maildirDotServesTheWorkingDirectory() throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            asUser("-a", "-m."),
            Map.of("LOGNAME", "alice"),
            home.resolve("Maildir"),
            "STAT\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
    assertTrue(r.out().contains("+OK 3 "), r.out());
  }

  @Test
  @EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
  void preauthenticatedSessionIsNeverServedAsRoot() throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(Map.of("LOGNAME", "root"), home, "STAT\r\nQUIT\r\n", "-a");
    assertEquals(1, r.exit());
    assertEquals(0, r.stdout().length, r.out());
    assertTrue(r.stderr().contains("as root"), r.stderr());
  }

  @Test
  void withoutAnyUserNamePreauthenticatedModeRefusesToStart() throws Exception {
    Mdpop3dProcess.Result r = session(Map.of("LOGNAME", "", "USER", ""), "QUIT\r\n", "-a");
    assertEquals(2, r.exit());
    assertTrue(r.stderr().contains("-u user, LOGNAME or USER"), r.stderr());
  }
}
