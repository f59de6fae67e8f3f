package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as inetd, tcpserver, systemd or {@code env -i} start it: with no locale, so that Java
 * decodes file names as US-ASCII, and with a UTF-8 locale, where a name that is not UTF-8 cannot be
 * decoded. Each runs in a child JVM started so (a {@code -Dsun.jnu.encoding} flag would not do:
 * Java 17 and 25 both set it from the locale, whatever the command line says), and a client checks
 * over a socket that every message is served, and retrieved, deleted or filed by its exact name.
 */
@Timeout(60)
class LocaleIndependenceTest {

  @TempDir Path home;

  /** Starts the child daemon; checks that its file name charset is {@code jnu}. */
  ChildJvm daemon(Map<String, String> locale, String jnu) throws Exception {
    ChildJvm child =
        ChildJvm.start(List.of(), null, locale, ServeMaildirMain.class, home.toString());
    assertEquals("jnu=" + jnu, child.readLine(), child.stderr());
    return child;
  }

  static int port(ChildJvm child) throws Exception {
    String line = child.readLine();
    assertTrue(line != null && line.startsWith("PORT "), line + "\n" + child.stderr());
    return Integer.parseInt(line.substring(5));
  }

  static String retr(RawClient c, int n) throws Exception {
    c.expectOk(c.command("RETR " + n));
    return String.join("\n", c.readBody());
  }

  @Test
  void aDaemonWithoutALocaleServesEveryMessageOfAMaildirWithANonAsciiName() throws Exception {
    TestMaildir maildir = TestMaildir.create(home);
    maildir.put("cur", "1.a:2,", "one\n", 1);
    maildir.putRaw("new", "2.caf\u00e9".getBytes(UTF_8), "two\n", 2);
    try (ChildJvm child = daemon(Map.of(), "ANSI_X3.4-1968");
        RawClient c = RawClient.login(port(child), "alice", "secret")) {
      assertEquals("+OK 2 10", c.command("STAT"));
      c.expectOk(c.command("UIDL"));
      assertEquals(
          List.of("1 1.a", "2 " + io.mdpop3j.core.wire.UniqueIds.digest("2.caf\u00e9")),
          c.readBody());
      assertEquals("one", retr(c, 1));
      assertEquals("two", retr(c, 2));
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of("1.a:2,S"), maildir.rawNames("cur"));
    assertEquals(List.of(), maildir.rawNames("new"));
  }

  @Test
  void aDaemonInAUtf8LocaleServesAndFilesANameThatIsNotUtf8() throws Exception {
    TestMaildir maildir = TestMaildir.create(home);
    maildir.putRaw("new", new byte[] {'3', '.', 'x', (byte) 0xff}, "three\n", 3);
    try (ChildJvm child = daemon(Map.of("LC_ALL", "C.UTF-8"), "UTF-8");
        RawClient c = RawClient.login(port(child), "alice", "secret")) {
      assertEquals("+OK 1 7", c.command("STAT"));
      assertEquals("three", retr(c, 1));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of(), maildir.rawNames("new"), "no longer left in new/ for ever");
    assertEquals(List.of("3.x\\xff:2,S"), maildir.rawNames("cur"));
  }

  @Test
  void aNameThatIsNotUtf8IsDeletedByItsExactBytesUnderAUtf8Locale() throws Exception {
    TestMaildir maildir = TestMaildir.create(home);
    maildir.putRaw("cur", new byte[] {'4', '.', 'x', (byte) 0xfe, ':', '2', ','}, "fe\n", 4);
    maildir.putRaw("cur", new byte[] {'4', '.', 'x', (byte) 0xff, ':', '2', ','}, "ff\n", 5);
    try (ChildJvm child = daemon(Map.of("LC_ALL", "C.UTF-8"), "UTF-8");
        RawClient c = RawClient.login(port(child), "alice", "secret")) {
      assertEquals("ff", retr(c, 2));
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of("4.x\\xfe:2,"), maildir.rawNames("cur"));
    assertEquals(
        "fe\n",
        new String(
            java.nio.file.Files.readAllBytes(
                TestMaildir.rawPath(
                    maildir.dir.resolve("cur"),
                    new byte[] {'4', '.', 'x', (byte) 0xfe, ':', '2', ','})),
            US_ASCII));
  }
}
