package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * inetd mode started as root: after the login and before the Maildir is opened the process becomes
 * the account's user for good, proven from the process's own /proc status and what it can read.
 */
@EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
class PrivilegeDropIT {

  @TempDir Path dir;
  SessionFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SessionFixture(dir);
  }

  @Test
  void afterLoginTheServerProcessRunsAsTheAccountsUidAndGid() throws Exception {
    Process p = Mdpop3dProcess.start(Mdpop3dProcess.command(f.args()), Map.of(), dir);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = p.getOutputStream();
    assertTrue(in.readLine().startsWith("+OK"));
    String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
    assertTrue(status.contains("\nUid:\t0\t0\t0\t0\n"), "runs as root before the login: " + status);
    out.write((f.login() + "STAT\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    in.readLine();
    in.readLine();
    String stat = in.readLine();
    assertTrue(stat.startsWith("+OK 3 "), stat);
    status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
    assertTrue(status.contains("\nUid:\t65534\t65534\t65534\t65534\n"), status);
    assertTrue(status.contains("\nGid:\t65534\t65534\t65534\t65534\n"), status);
    assertTrue(status.matches("(?s).*\\nGroups:\\t65534 ?\\n.*"), status);
    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
  }

  @Test
  void aMaildirOnlyRootCanReadIsRefusedAfterTheDrop() throws Exception {
    Files.setPosixFilePermissions(f.maildir, PosixFilePermissions.fromString("rwx------"));
    SessionFixture.chownTree(f.maildir, 0);
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(Map.of(), dir, f.login() + "STAT\r\nQUIT\r\n", f.args());
    assertTrue(r.out().contains("-ERR"), r.out());
    assertTrue(!r.out().contains("+OK 3 "), r.out());
  }

  @Test
  void anAccountWithUidZeroIsNeverServed() throws Exception {
    Files.writeString(
        f.passwd,
        SessionFixture.USER + ":{PLAIN}" + MailFixture.PASSWORD + ":0:0::" + f.home + "::\n");
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(Map.of(), dir, f.login() + "STAT\r\nQUIT\r\n", f.args());
    assertTrue(!r.out().contains("+OK 3 "), r.out());
    assertTrue(f.logText().contains("uid 0"), f.logText());
  }
}
