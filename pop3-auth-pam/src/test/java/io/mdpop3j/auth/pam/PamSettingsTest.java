package io.mdpop3j.auth.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import io.mdpop3j.core.testing.TestSession;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The provider and its settings. */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamSettingsTest {

  @Test
  void providerIsFoundByTheNamePamAndBuildsAWorkingAuthenticator() {
    AuthenticatorProvider provider =
        ProviderRegistry.authenticators(getClass().getClassLoader()).find("pam");

    Authenticator pam = provider.create(PamWrapper.settings("pop3-test", Map.of()));

    assertInstanceOf(
        AuthResult.Success.class,
        pam.authenticate(
            TestSession.from("::1"), Credentials.Password.of("alice", "alice-secret")));
  }

  @Test
  void defaultsAreThoseDocumented() {
    PamSettings options = PamSettings.from(Settings.empty("pam"));

    assertEquals("pop3", options.service());
    assertEquals("libpam.so.0", options.library());
    assertEquals("pop3", options.tty());
    assertFalse(options.openSession());
    assertFalse(options.apop());
    assertEquals(8, options.threads());
    assertEquals(Duration.ofSeconds(60), options.timeout());
    assertEquals(Optional.empty(), options.virtualHomeBase());
    assertEquals(OptionalInt.empty(), options.mailOwnerUid());
  }

  @Test
  void unknownSettingIsNamedWithItsFullKeyAndTheKnownOnesListed() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> PamSettings.from(Settings.of("pam", Map.of("servise", "pop3"))));

    assertTrue(e.getMessage().contains("pam.servise"), e.getMessage());
    assertTrue(e.getMessage().contains("service"), e.getMessage());
  }

  @Test
  void libraryThatCannotBeLoadedIsAnInvalidSetting() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                PamAuthenticator.create(
                    Settings.of("pam", Map.of("library", "/nonexistent/libpam.so.0"))));

    assertTrue(e.getMessage().contains("pam.library"), e.getMessage());
    assertTrue(e.getMessage().contains("/nonexistent/libpam.so.0"), e.getMessage());
  }

  @Test
  void mailOwnerUidWithoutGidIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> PamSettings.from(Settings.of("pam", Map.of("mail-owner-uid", "5000"))));

    assertTrue(e.getMessage().contains("pam.mail-owner-gid"), e.getMessage());
  }

  @Test
  void relativeVirtualHomeBaseIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> PamSettings.from(Settings.of("pam", Map.of("virtual-home-base", "vmail"))));

    assertTrue(e.getMessage().contains("pam.virtual-home-base"), e.getMessage());
  }

  @Test
  void serviceNameWithASlashIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> PamSettings.from(Settings.of("pam", Map.of("service", "../passwd"))));

    assertTrue(e.getMessage().contains("pam.service"), e.getMessage());
  }

  @Test
  void threadsOutOfRangeIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> PamSettings.from(Settings.of("pam", Map.of("threads", "0"))));

    assertTrue(e.getMessage().contains("pam.threads"), e.getMessage());
  }
}
