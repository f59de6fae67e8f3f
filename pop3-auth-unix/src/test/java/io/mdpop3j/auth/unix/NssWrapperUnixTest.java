package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import io.mdpop3j.core.testing.TestSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code unix} authenticator over real NSS calls into nss_wrapper (Debian libnss-wrapper),
 * bound by JNA as {@code passwd-library}: its {@code getpwnam_r} reads the passwd file this test
 * writes (the Surefire configuration points NSS_WRAPPER_PASSWD at it). Every user here exists only
 * in that file, and the test first proves that the C library does not know them and that
 * nss_wrapper is active, so no other source can make it pass.
 */
@RequiresPackages("libnss-wrapper")
class NssWrapperUnixTest {

  private static final String WRAPPER = NssWrapperDatabase.LIBRARY;
  private static final String PASSWORD = NssWrapperDatabase.PASSWORD;

  @BeforeAll
  static void writeTheWrapperDatabase() throws Exception {
    NssWrapperDatabase.ensureWritten();
  }

  @Test
  void theTestUsersExistOnlyInTheWrapperDatabase() {
    NativeLibrary wrapper = NativeLibrary.getInstance(WRAPPER);
    assertEquals(1, wrapper.getFunction("nss_wrapper_enabled").invokeInt(new Object[0]) & 0xff);
    NssLookup libc = NssLookup.load("libc.so.6", "libc.so.6");
    assertFalse(libc.passwd("nwrap-alice").isFound());
    assertTrue(NssLookup.load(WRAPPER, "libc.so.6").passwd("nwrap-alice").isFound());
  }

  @Test
  void rightPasswordLogsInWithHomeAndIdsFromPasswd() {
    AuthResult result = login(unix(Map.of()), "nwrap-alice", PASSWORD);
    Account account = assertInstanceOf(AuthResult.Success.class, result).account();
    assertEquals("nwrap-alice", account.user());
    assertEquals(Optional.of(Path.of("/srv/mail/alice")), account.home());
    assertEquals(OptionalInt.of(4242), account.uid());
    assertEquals(OptionalInt.of(4343), account.gid());
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameFailure() {
    Authenticator unix = unix(Map.of());
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, "nwrap-alice", "wrong"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, "nwrap-nobody", PASSWORD));
  }

  @Test
  void saslAuthorizationIdentityOfAnotherUserIsRefused() {
    byte[] pw = PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS,
        unix(Map.of())
            .authenticate(
                TestSession.plain(),
                new Credentials.Password("nwrap-alice", pw, Optional.of("nwrap-bob"))));
  }

  @Test
  void emptyPasswordIsRefused() {
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), "nwrap-alice", ""));
  }

  @Test
  void uidZeroIsRefusedWithTheRightPasswordUnlessAllowed() {
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), "nwrap-root", PASSWORD));
    Map<String, String> allow = Map.of("allow-root", "true");
    assertInstanceOf(AuthResult.Success.class, login(unix(allow), "nwrap-root", PASSWORD));
  }

  @Test
  void uidBelowFirstValidUidIsRefusedWithTheRightPassword() {
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), "nwrap-system", PASSWORD));
    Map<String, String> lower = Map.of("first-valid-uid", "500");
    assertInstanceOf(AuthResult.Success.class, login(unix(lower), "nwrap-system", PASSWORD));
    Map<String, String> higher = Map.of("first-valid-uid", "5000");
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix(higher), "nwrap-alice", PASSWORD));
  }

  @Test
  void lockedAccountsAreRefusedWithTheRightPassword() {
    Authenticator unix = unix(Map.of());
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, "nwrap-locked", PASSWORD));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, "nwrap-star", PASSWORD));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(unix, "nwrap-nopass", PASSWORD));
  }

  @Test
  void passwdPointingToAShadowWithoutEntryIsRefused() {
    // nss_wrapper has no getspnam_r, so the shadow lookup goes to the C library, which knows
    // nobody of that name; this process may read /etc/shadow, so it is a plain refusal.
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS, login(unix(Map.of()), "nwrap-shadowed", PASSWORD));
  }

  @Test
  void unknownUserCostsAboutAsMuchAsAWrongPassword() {
    Authenticator unix = unix(Map.of());
    login(unix, "nwrap-alice", "warm up");
    long known = medianNanos(() -> login(unix, "nwrap-alice", "wrong"));
    long unknown = medianNanos(() -> login(unix, "nwrap-nobody", "wrong"));
    // Without the dummy check an unknown user would take well under 1% of a yescrypt check.
    assertTrue(unknown > known / 2, "unknown " + unknown + " ns vs known " + known + " ns");
  }

  static long medianNanos(Runnable action) {
    long[] times = new long[7];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      action.run();
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[times.length / 2];
  }

  private static Authenticator unix(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("passwd-library", WRAPPER);
    return new UnixAuthenticatorProvider().create(Settings.of("unix", settings));
  }

  static AuthResult login(Authenticator authenticator, String user, String password) {
    return authenticator.authenticate(TestSession.plain(), Credentials.Password.of(user, password));
  }

  static void assertFailure(AuthResult.Reason reason, AuthResult result) {
    assertEquals(reason, assertInstanceOf(AuthResult.Failure.class, result).reason());
  }
}
