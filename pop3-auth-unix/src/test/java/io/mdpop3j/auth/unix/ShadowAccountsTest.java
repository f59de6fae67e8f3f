package io.mdpop3j.auth.unix;

import static io.mdpop3j.auth.unix.NssWrapperUnixTest.assertFailure;
import static io.mdpop3j.auth.unix.NssWrapperUnixTest.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code unix} provider with its defaults, over the host's own NSS and {@code /etc/shadow}:
 * throw-away accounts made with {@code useradd} for this test and removed after it (root only; the
 * machine's accounts are otherwise untouched). This is the only way to test {@code getspnam_r} for
 * real: nss_wrapper has no {@code getspnam_r}.
 */
@RequiresPackages({"whois", "passwd", "util-linux"})
class ShadowAccountsTest {

  private static final String PASSWORD = "Shadow pässword 7";
  private static final String PREFIX =
      "mdpj" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
  private static final String OK = PREFIX + "-ok";
  private static final String EXPIRED = PREFIX + "-exp";
  private static final String LOCKED = PREFIX + "-lck";
  private static final String SYSTEM = PREFIX + "-sys";
  private static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void createThrowAwayAccounts() throws Exception {
    assumeTrue(new UnixSystem().getUid() == 0, "creating accounts needs root");
    String hash = SystemHashes.mkpasswd("sha512crypt", PASSWORD);
    useradd(OK, "-p", hash, "-d", "/srv/mail/" + OK);
    useradd(EXPIRED, "-p", hash, "-e", "1970-01-02");
    useradd(LOCKED, "-p", "!" + hash);
    useradd(SYSTEM, "-r", "-p", hash);
  }

  @AfterAll
  static void removeThem() throws Exception {
    for (String user : created) {
      retry("userdel", user);
    }
  }

  @Test
  void shadowAccountLogsInWithHomeAndIdsFromPasswd() {
    Account account =
        assertInstanceOf(AuthResult.Success.class, login(unix(Map.of()), OK, PASSWORD)).account();
    assertEquals(OK, account.user());
    assertEquals(Optional.of(Path.of("/srv/mail/" + OK)), account.home());
    assertTrue(account.uid().getAsInt() >= 1000, account.toString());
    assertTrue(account.gid().isPresent());
  }

  @Test
  void wrongPasswordIsRefused() {
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), OK, "wrong"));
  }

  @Test
  void expiredAccountIsDisabledOnlyOnceThePasswordIsRight() {
    Authenticator unix = unix(Map.of());
    assertFailure(AuthResult.Reason.ACCOUNT_DISABLED, login(unix, EXPIRED, PASSWORD));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, EXPIRED, "wrong"));
  }

  @Test
  void lockedShadowHashIsRefusedWithTheRightPassword() {
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), LOCKED, PASSWORD));
  }

  @Test
  void systemAccountBelowFirstValidUidIsRefusedWithTheRightPassword() {
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), SYSTEM, PASSWORD));
    assertInstanceOf(
        AuthResult.Success.class, login(unix(Map.of("first-valid-uid", "1")), SYSTEM, PASSWORD));
  }

  @Test
  void unreadableShadowIsSysTempNotAWrongPassword(@TempDir Path dir) throws Exception {
    List<String> classPath = ForkedJvm.worldReadableClassPath(dir.resolve("cp"));
    Path jnaTmp = Files.createDirectories(dir.resolve("jna"));
    Files.setPosixFilePermissions(
        jnaTmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> jvm =
        List.of("-Djna.tmpdir=" + jnaTmp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);

    // The same probe as root succeeds: user, password and class path are right...
    ForkedJvm.Result asRoot =
        ForkedJvm.run(List.of(), classPath, Map.of(), jvm, UnixProbe.class, password, OK);
    assertTrue(asRoot.stdout().contains("result=SUCCESS"), asRoot.stdout());
    assertTrue(asRoot.stdout().contains("reply=+OK"), asRoot.stdout());

    // ...so as nobody, who may not read /etc/shadow, the only difference is the permission.
    ForkedJvm.Result asNobody =
        ForkedJvm.run(
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"),
            classPath,
            Map.of(),
            jvm,
            UnixProbe.class,
            password,
            OK);
    assertTrue(asNobody.stdout().contains("uid=65534"), asNobody.stdout());
    assertTrue(asNobody.stdout().contains("result=TEMPORARY"), asNobody.stdout());
    // And the client of a server running as nobody is told so, not "wrong password".
    assertTrue(asNobody.stdout().contains("reply=-ERR [SYS/TEMP]"), asNobody.stdout());
  }

  private static Authenticator unix(Map<String, String> settings) {
    return new UnixAuthenticatorProvider().create(Settings.of("unix", settings));
  }

  private static void useradd(String user, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("useradd", "-M", "-N", "-s", "/usr/sbin/nologin"));
    command.addAll(List.of(options));
    command.add(user);
    retry(command.toArray(new String[0]));
    created.add(user);
  }

  /** Other builds on this machine may hold the passwd lock for a moment. */
  private static void retry(String... command) throws Exception {
    int rc = -1;
    for (int attempt = 0; attempt < 40; attempt++) {
      rc = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (rc == 0) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + rc);
  }
}
