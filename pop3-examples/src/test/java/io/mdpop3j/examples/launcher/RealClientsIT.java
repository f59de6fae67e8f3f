package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail clients people use, against the launcher in daemon mode; each one's saved messages are
 * compared byte for byte with the Maildir files that were served.
 */
class RealClientsIT {
  @TempDir Path dir;
  SessionFixture f;
  RunningDaemon daemon;
  int port;

  @BeforeEach
  void start() throws Exception {
    f = new SessionFixture(dir);
    port = Mdpop3dProcess.freePort();
    daemon =
        RunningDaemon.start(
            Mdpop3dProcess.command(f.args("--listen", "127.0.0.1:" + port)), Map.of(), dir, port);
  }

  @AfterEach
  void stop() throws InterruptedException {
    daemon.close();
  }

  private Mdpop3dProcess.Result run(Map<String, String> env, String... command) throws Exception {
    Mdpop3dProcess.Result r = Mdpop3dProcess.tool(dir, env, command);
    assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.stderr() + r.out());
    return r;
  }

  private String url(String path) {
    return "pop3://127.0.0.1:" + port + "/" + path;
  }

  private String userColonPassword() {
    return SessionFixture.USER + ":" + MailFixture.PASSWORD;
  }

  /** The served messages as a set of byte strings, order aside. */
  private Set<String> served() {
    Set<String> s = new HashSet<>();
    f.messages.values().forEach(m -> s.add(new String(m, StandardCharsets.ISO_8859_1)));
    return s;
  }

  private static Set<String> filesIn(Path folder, boolean dropReturnPath) throws IOException {
    Set<String> s = new HashSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        if (dropReturnPath && text.startsWith("Return-Path: ")) {
          text = text.substring(text.indexOf('\n') + 1);
        }
        s.add(text);
      }
    }
    return s;
  }

  /** Makes {@code path} and everything below it belong to uid 65534 when the tests run as root. */
  private static void giveToNobody(Path path) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (SessionFixture.isRoot()) {
      SessionFixture.chownTree(path, SessionFixture.NOBODY);
    }
  }

  /** getmail6 refuses to deliver as root, so it runs as uid 65534 then. */
  private static List<String> unprivileged(String... command) {
    List<String> c = new ArrayList<>();
    if (SessionFixture.isRoot()) {
      c.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    c.addAll(Arrays.asList(command));
    return c;
  }

  @Test
  @RequiresPackages("curl")
  void curlListsRetrievesAndDeletes() throws Exception {
    String list = run(Map.of(), "curl", "-sS", "-u", userColonPassword(), url("")).out();
    int n = 1;
    for (byte[] m : f.messages.values()) {
      long wire = m.length;
      for (byte b : m) {
        wire += b == '\n' ? 1 : 0;
      }
      assertTrue(list.contains(n + " " + wire + "\r\n"), list);
      byte[] got = run(Map.of(), "curl", "-sS", "-u", userColonPassword(), url("" + n)).stdout();
      assertEquals(
          new String(m, StandardCharsets.ISO_8859_1),
          new String(MailFixture.lf(got), StandardCharsets.ISO_8859_1));
      n++;
    }
    run(Map.of(), "curl", "-sS", "-u", userColonPassword(), "-X", "DELE", "-I", url("2"));
    List<Path> left = MailFixture.messageFiles(f.maildir);
    assertEquals(2, left.size(), left.toString());
    assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().startsWith("1700000002")));
  }

  @Test
  @RequiresPackages("python3")
  void pythonPoplibRetrievesEveryMessage() throws Exception {
    Path out = Files.createDirectory(dir.resolve("py"));
    String script =
        """
        import poplib, sys
        p = poplib.POP3('127.0.0.1', int(sys.argv[1]))
        p.user(sys.argv[2]); p.pass_(sys.argv[3])
        count, size = p.stat()
        for i in range(1, count + 1):
            lines = p.retr(i)[1]
            open(sys.argv[4] + '/' + str(i), 'wb').write(b''.join(l + b'\\n' for l in lines))
        p.quit()
        """;
    run(
        Map.of(),
        "python3",
        "-c",
        script,
        "" + port,
        SessionFixture.USER,
        MailFixture.PASSWORD,
        out.toString());
    assertEquals(served(), filesIn(out, false));
  }

  private Path fetchmailSetup(boolean keep) throws IOException {
    Path home = Files.createDirectory(dir.resolve("fetchmail"));
    Path out = Files.createDirectory(dir.resolve("delivered"));
    Path mda = home.resolve("save.sh");
    Files.writeString(mda, "#!/bin/sh\ncat > \"$(mktemp " + out + "/msg.XXXXXX)\"\n");
    Files.setPosixFilePermissions(mda, PosixFilePermissions.fromString("rwx------"));
    Path rc = home.resolve("fetchmailrc");
    Files.writeString(
        rc,
        "poll 127.0.0.1 with proto POP3 port "
            + port
            + ":\n  user \""
            + SessionFixture.USER
            + "\" there with password \""
            + MailFixture.PASSWORD
            + "\" is \"root\" here\n  options fetchall "
            + (keep ? "keep" : "nokeep")
            + "\n  mda \""
            + mda
            + "\"\n");
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    return home;
  }

  private void fetchmail(Path home) throws Exception {
    run(
        Map.of("HOME", home.toString(), "FETCHMAILHOME", home.toString()),
        "fetchmail",
        "-f",
        home.resolve("fetchmailrc").toString(),
        "--nosyslog",
        "-N",
        "--invisible",
        "--sslproto",
        "");
  }

  @Test
  @RequiresPackages("fetchmail")
  void fetchmailWithKeepDeliversThroughAnMdaAndLeavesTheMail() throws Exception {
    Path home = fetchmailSetup(true);
    fetchmail(home);
    assertEquals(served(), filesIn(dir.resolve("delivered"), false));
    assertEquals(3, MailFixture.messageFiles(f.maildir).size());
  }

  @Test
  @RequiresPackages("fetchmail")
  void fetchmailWithoutKeepDeliversAndDeletes() throws Exception {
    Path home = fetchmailSetup(false);
    fetchmail(home);
    assertEquals(served(), filesIn(dir.resolve("delivered"), false));
    assertEquals(0, MailFixture.messageFiles(f.maildir).size());
  }

  @Test
  @RequiresPackages({"getmail6", "util-linux"})
  void getmailDeliversIntoAMaildirAndDeletes() throws Exception {
    Path home = Files.createDirectory(dir.resolve("getmail"));
    Path target = MailFixture.maildir(home.resolve("Maildir"), Map.of());
    Path rc = home.resolve("getmailrc");
    Files.writeString(
        rc,
        "[retriever]\ntype = SimplePOP3Retriever\nserver = 127.0.0.1\nport = "
            + port
            + "\nusername = "
            + SessionFixture.USER
            + "\npassword = "
            + MailFixture.PASSWORD
            + "\n\n[destination]\ntype = Maildir\npath = "
            + target
            + "/\n\n[options]\ndelete = true\nread_all = true\nreceived = false\n"
            + "delivered_to = false\nmessage_log_syslog = false\nverbose = 0\n");
    giveToNobody(home);
    run(
        Map.of(),
        unprivileged("getmail", "--getmaildir", home.toString(), "--rcfile", rc.toString())
            .toArray(new String[0]));
    // getmail writes a Return-Path line of its own on top; the rest is what was served.
    assertEquals(served(), filesIn(target.resolve("new"), true));
    assertEquals(0, MailFixture.messageFiles(f.maildir).size());
  }

  @Test
  @RequiresPackages("mpop")
  void mpopDeliversIntoAMaildir() throws Exception {
    Path target = MailFixture.maildir(dir.resolve("mpop").resolve("Maildir"), Map.of());
    run(
        Map.of(),
        "mpop",
        "-C",
        "/dev/null",
        "--host=127.0.0.1",
        "--port=" + port,
        "--user=" + SessionFixture.USER,
        "--passwordeval=echo '" + MailFixture.PASSWORD + "'",
        "--auth=user",
        "--tls=off",
        "--delivery=maildir," + target,
        "--keep=off",
        "--received-header=off",
        "--uidls-file=" + dir.resolve("mpop").resolve("uidls"),
        "-q");
    assertEquals(served(), filesIn(target.resolve("new"), false));
    assertEquals(0, MailFixture.messageFiles(f.maildir).size());
  }
}
