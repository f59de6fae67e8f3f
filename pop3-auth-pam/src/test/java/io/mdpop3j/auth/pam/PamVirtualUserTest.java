package io.mdpop3j.auth.pam;

import static io.mdpop3j.auth.pam.PamAuthenticatorTest.failure;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.login;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.success;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Virtual mailboxes: in the pop3-test-virtual stack pam_set_items changes PAM_USER to vmail-box
 * (from the test JVM's environment) and pam_env sets MAILDIR from the new PAM_USER in setcred.
 */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamVirtualUserTest {

  @Test
  void moduleMappedUserAndMaildirBecomeTheAccount() {
    PamAuthenticator pam =
        PamAuthenticator.create(
            PamWrapper.settings(
                "pop3-test-virtual",
                Map.of(
                    "virtual-home-base", "/srv/vmail",
                    "mail-owner-uid", "5000",
                    "mail-owner-gid", "5001")));

    Account account = success(login(pam, "virtual@example.org", "virtual-secret"));

    assertEquals("vmail-box", account.user());
    assertEquals(Optional.of("vmail/vmail-box/Maildir"), account.maildir());
    assertEquals(Optional.of(Path.of("/srv/vmail/vmail-box")), account.home());
    assertEquals(OptionalInt.of(5000), account.uid());
    assertEquals(OptionalInt.of(5001), account.gid());
    assertEquals("vmail/vmail-box/Maildir", account.attributes().get("pam.env.MAILDIR"));
  }

  @Test
  void virtualUserWithoutVirtualSettingsHasNoHomeButKeepsItsMaildir() {
    PamAuthenticator pam = PamWrapper.authenticator("pop3-test-virtual");

    Account account = success(login(pam, "virtual@example.org", "virtual-secret"));

    assertEquals("vmail-box", account.user());
    assertEquals(Optional.empty(), account.home());
    assertEquals(OptionalInt.empty(), account.uid());
    assertEquals(Optional.of("vmail/vmail-box/Maildir"), account.maildir());
  }

  @Test
  void wrongPasswordOfAVirtualUserIsStillRefused() {
    PamAuthenticator pam = PamWrapper.authenticator("pop3-test-virtual");

    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS,
        failure(login(pam, "virtual@example.org", "wrong")).reason());
  }
}
