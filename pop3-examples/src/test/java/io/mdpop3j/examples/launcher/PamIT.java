package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -p service}: PAM decides, with two throw-away services in /etc/pam.d (pam_permit and
 * pam_deny). The system user {@code nobody} logs in, and the root process drops to uid 65534.
 */
@EnabledIf("io.mdpop3j.examples.launcher.SessionFixture#isRoot")
@RequiresPackages({"libpam0g", "libpam-modules"})
class PamIT {

  private static final Path PERMIT = Path.of("/etc/pam.d/mdpop3d-it-permit");
  private static final Path DENY = Path.of("/etc/pam.d/mdpop3d-it-deny");

  @TempDir Path dir;
  Path log;

  @BeforeEach
  void services() throws Exception {
    Files.writeString(PERMIT, "auth required pam_permit.so\naccount required pam_permit.so\n");
    Files.writeString(DENY, "auth required pam_deny.so\naccount required pam_deny.so\n");
    log = dir.resolve("log");
  }

  @AfterEach
  void removeServices() throws Exception {
    Files.deleteIfExists(PERMIT);
    Files.deleteIfExists(DENY);
  }

  private String session(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--log";
    all[args.length + 1] = log.toString();
    all[args.length + 2] = "--auth-failure-delay=0";
    return Mdpop3dProcess.run(
            Map.of(), dir, "USER nobody\r\nPASS anything\r\nSTAT\r\nQUIT\r\n", all)
        .out();
  }

  @Test
  void pamServiceOptionLetsPamAcceptTheLogin() throws Exception {
    String out = session("-p", "mdpop3d-it-permit");
    assertTrue(out.contains("+OK Logged in"), out + Files.readString(log));
    assertTrue(out.contains("+OK 0 0"), out);
  }

  @Test
  void pamServiceOptionLetsPamRefuseTheLogin() throws Exception {
    String out = session("-p", "mdpop3d-it-deny");
    assertTrue(out.contains("-ERR [AUTH]"), out);
  }

  @Test
  void authPamWithAServiceArgumentIsTheSameAsDashP() throws Exception {
    String out = session("--auth", "pam:mdpop3d-it-permit");
    assertTrue(out.contains("+OK Logged in"), out + Files.readString(log));
  }
}
