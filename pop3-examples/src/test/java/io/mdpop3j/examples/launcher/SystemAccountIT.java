package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * mdpop3d's own case: the default {@code unix} authenticator, a real system account (made with
 * useradd, removed afterwards), inetd mode as root dropping to that account.
 */
@EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
@RequiresPackages("passwd")
class SystemAccountIT {

  private static final String USER = "mdpop3dit";
  private static final String PASSWORD = "Sys tem-pass 1";

  @TempDir Path dir;
  Path home;

  @BeforeEach
  void addUser() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    home = dir.resolve(USER);
    Mdpop3dProcess.tool(dir, Map.of(), "userdel", "-r", USER);
    Mdpop3dProcess.Result add =
        Mdpop3dProcess.tool(
            dir, Map.of(), "useradd", "-m", "-d", home.toString(), "-s", "/bin/sh", USER);
    assertEquals(0, add.exit(), add.stderr());
    Mdpop3dProcess.Result pw =
        Mdpop3dProcess.run(
            java.util.List.of("chpasswd"),
            Map.of(),
            dir,
            (USER + ":" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, pw.exit(), pw.stderr());
    Path maildir = MailFixture.maildir(home.resolve("Maildir"), MailFixture.samples());
    int uid = (Integer) Files.getAttribute(home, "unix:uid");
    SessionFixture.chownTree(maildir, uid);
  }

  @AfterEach
  void removeUser() throws Exception {
    Mdpop3dProcess.tool(dir, Map.of(), "userdel", "-r", USER);
  }

  @Test
  void systemUserLogsInWithTheDefaultAuthenticatorAndIsServedAsThemselves() throws Exception {
    Path log = dir.resolve("log");
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            Map.of(),
            dir,
            "USER " + USER + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\nRETR 1\r\nQUIT\r\n",
            "--log",
            log.toString(),
            "--auth-failure-delay=0",
            "-d");
    assertTrue(r.out().contains("+OK 3 "), r.out() + Files.readString(log));
    int uid = (Integer) Files.getAttribute(home, "unix:uid");
    assertTrue(Files.readString(log).contains("now running as uid " + uid), Files.readString(log));
    try (var cur = Files.list(home.resolve("Maildir").resolve("cur"))) {
      assertTrue(
          cur.allMatch(p -> uidOf(p) == uid), "files moved by the session belong to the user");
    }
  }

  @Test
  void wrongPasswordOfASystemUserIsRefused() throws Exception {
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            Map.of(),
            dir,
            "USER " + USER + "\r\nPASS nope\r\nQUIT\r\n",
            "--auth-failure-delay=0",
            "--log",
            dir.resolve("log").toString());
    assertTrue(r.out().contains("-ERR [AUTH]"), r.out());
  }

  private static int uidOf(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:uid");
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
