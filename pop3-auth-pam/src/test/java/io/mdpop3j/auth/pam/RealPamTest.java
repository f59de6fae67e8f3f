package io.mdpop3j.auth.pam;

import static io.mdpop3j.auth.pam.PamAuthenticatorTest.failure;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.login;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The system's own libpam.so.0 and /etc/pam.d with pam_unix, against a throw-away local user.
 * Opt-in, as root: {@code mvn -pl pop3-auth-pam verify -Dmdpop3j.pam.real=true}. It adds the user
 * and the service file, and removes both afterwards.
 */
@EnabledIfSystemProperty(named = "mdpop3j.pam.real", matches = "true")
@RequiresPackages({"libpam0g", "libpam-modules", "passwd"})
class RealPamTest {

  private static final String SUFFIX =
      Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
  private static final String USER = "mdpop3jpam" + SUFFIX;
  private static final String PASSWORD = "Real pam " + SUFFIX;
  private static final Path SERVICE = Path.of("/etc/pam.d/mdpop3j-test-" + SUFFIX);

  @BeforeAll
  static void addUserAndService() throws Exception {
    run("useradd", "-M", "-d", "/var/empty/" + USER, "-s", "/usr/sbin/nologin", USER);
    run("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd");
    Files.writeString(
        SERVICE,
        "auth required pam_unix.so\naccount required pam_unix.so\n",
        StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void removeUserAndService() throws Exception {
    Files.deleteIfExists(SERVICE);
    run("userdel", USER);
  }

  @Test
  void systemUserLogsInThroughPamUnixAndGetsItsPasswdEntry() throws IOException {
    PamAuthenticator pam = systemPam();

    Account account = success(login(pam, USER, PASSWORD));

    assertEquals(USER, account.user());
    assertEquals(Path.of("/var/empty/" + USER), account.home().orElseThrow());
    assertTrue(account.uid().getAsInt() > 0);
  }

  @Test
  void wrongPasswordIsRefusedAfterPamUnixDelay() {
    PamAuthenticator pam = systemPam();

    long start = System.nanoTime();
    AuthResult.Failure failure = failure(login(pam, USER, "wrong"));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
    System.out.println("pam_unix wrong-password delay: " + millis + " ms");
  }

  private static PamAuthenticator systemPam() {
    // The default library, libpam.so.0: the system PAM, not pam_wrapper.
    return PamAuthenticator.create(
        Settings.of("pam", Map.of("service", SERVICE.getFileName().toString())));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }
}
