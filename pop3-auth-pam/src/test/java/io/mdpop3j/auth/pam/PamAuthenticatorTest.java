package io.mdpop3j.auth.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.testing.RequiresPackages;
import io.mdpop3j.core.testing.TestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Password logins through pam_wrapper, with pam_matrix as the password database. */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamAuthenticatorTest {
  private final PamAuthenticator pop3Test = PamWrapper.authenticator("pop3-test");

  @Test
  void rightPasswordOfAUserKnownOnlyToTheMatrixDatabaseLogsIn() throws IOException {
    // alice is not in /etc/passwd: only pam_matrix under pam_wrapper can accept her.
    assertFalse(
        Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("alice:")));

    Account account = success(login(pop3Test, "alice", "alice-secret"));

    assertEquals("alice", account.user());
    // pam_matrix's setcred puts CRED into the PAM environment: setcred ran and we read it after.
    assertEquals("/tmp/alice", account.attributes().get("pam.env.CRED"));
  }

  @Test
  void wrongPasswordIsBadCredentialsAndTheLogGetsPamStrerror() {
    AuthResult.Failure failure = failure(login(pop3Test, "alice", "wrong"));

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
    assertTrue(failure.logMessage().contains("pam_authenticate"), failure.logMessage());
    assertTrue(failure.logMessage().contains("Authentication failure"), failure.logMessage());
    assertFalse(failure.logMessage().contains("wrong"), "no secret in the log");
  }

  @Test
  void unknownUserIsTheSameBadCredentials() {
    AuthResult.Failure failure = failure(login(pop3Test, "mallory", "alice-secret"));

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
  }

  @Test
  void passwordOfAnotherUserDoesNotLogIn() {
    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS,
        failure(login(pop3Test, "bob", "alice-secret")).reason());
  }

  @Test
  void utf8PasswordWithSpacesReachesTheModuleByteForByte() {
    // pam_matrix compares with strcmp against the UTF-8 database: only the exact bytes match.
    assertEquals("bob", success(login(pop3Test, "bob", "b0b s3cret ünïcode")).user());
  }

  @Test
  void clientAddressTtyAndServiceReachTheModules() {
    PamAuthenticator items = PamWrapper.authenticator("pop3-test-items");

    Account account = success(login(items, "bob", "b0b s3cret ünïcode"));

    // pam_get_items copied the PAM items into the PAM environment. (Not PAM_AUTHTOK: pam_matrix
    // wipes it in place after comparing.)
    assertEquals("192.0.2.7", account.attributes().get("pam.env.PAM_RHOST"));
    assertEquals("pop3", account.attributes().get("pam.env.PAM_TTY"));
    assertEquals("pop3-test-items", account.attributes().get("pam.env.PAM_SERVICE"));
  }

  @Test
  void passwordWithANulCharacterIsRefusedBeforePam() {
    // As a C string "alice-secret\0x" would be "alice-secret".
    byte[] password = "alice-secret\0x".getBytes(StandardCharsets.UTF_8);
    Credentials.Password credentials =
        new Credentials.Password("alice", password, Optional.empty());

    AuthResult.Failure failure =
        failure(pop3Test.authenticate(TestSession.from("192.0.2.7"), credentials));

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
    assertTrue(failure.logMessage().contains("NUL"), failure.logMessage());
  }

  @Test
  void emptyPasswordIsRefused() {
    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure(login(pop3Test, "alice", "")).reason());
  }

  @Test
  void authorizationIdentityOtherThanTheUserIsRefused() {
    Credentials.Password credentials =
        new Credentials.Password(
            "alice", "alice-secret".getBytes(StandardCharsets.UTF_8), Optional.of("bob"));

    AuthResult.Failure failure =
        failure(pop3Test.authenticate(TestSession.from("192.0.2.7"), credentials));

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
  }

  @Test
  void authorizationIdentityEqualToTheUserIsAccepted() {
    Credentials.Password credentials =
        new Credentials.Password(
            "alice", "alice-secret".getBytes(StandardCharsets.UTF_8), Optional.of("alice"));

    assertEquals(
        "alice", success(pop3Test.authenticate(TestSession.from("192.0.2.7"), credentials)).user());
  }

  @Test
  void accountPhaseRefusalIsAFailureEvenWithTheRightPassword() {
    // carol's password is right, but pam_matrix admits her to the pop3-elsewhere service only.
    AuthResult.Failure failure = failure(login(pop3Test, "carol", "carol-secret"));

    assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
    assertTrue(failure.logMessage().contains("pam_acct_mgmt"), failure.logMessage());
  }

  @Test
  void serviceNameSelectsTheStack() {
    PamAuthenticator alt = PamWrapper.authenticator("pop3-test-alt");
    PamAuthenticator deny = PamWrapper.authenticator("pop3-test-deny");

    success(login(pop3Test, "alice", "alice-secret"));
    failure(login(alt, "alice", "alice-secret"));
    success(login(alt, "alice", "alt-secret"));
    failure(login(pop3Test, "alice", "alt-secret"));
    failure(login(deny, "alice", "alice-secret"));
  }

  @Test
  void unreachableBackendIsATemporaryFailure() {
    PamAuthenticator nodb = PamWrapper.authenticator("pop3-test-nodb");

    AuthResult.Failure failure = failure(login(nodb, "alice", "alice-secret"));

    assertEquals(AuthResult.Reason.TEMPORARY, failure.reason());
  }

  @Test
  void serviceWithoutAStackIsATemporaryFailure() {
    PamAuthenticator none = PamWrapper.authenticator("pop3-test-no-such-service");

    AuthResult.Failure failure = failure(login(none, "alice", "alice-secret"));

    assertEquals(AuthResult.Reason.TEMPORARY, failure.reason(), failure.logMessage());
  }

  @Test
  void messagesFromModulesDoNotDisturbTheLogin() {
    PamAuthenticator verbose = PamWrapper.authenticator("pop3-test-verbose");

    success(login(verbose, "alice", "alice-secret"));
    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS, failure(login(verbose, "alice", "wrong")).reason());
  }

  @Test
  void manyModuleMessagesBeforeThePromptDoNotDisturbTheLogin() {
    PamAuthenticator chatty = PamWrapper.authenticator("pop3-test-chatty");

    success(login(chatty, "alice", "alice-secret"));
    failure(login(chatty, "alice", "wrong"));
  }

  @Test
  void userKnownToThePasswdDatabaseGetsItsHomeAndIds() throws IOException {
    List<String> nobody =
        List.of(
            Files.readAllLines(Path.of("/etc/passwd")).stream()
                .filter(l -> l.startsWith("nobody:"))
                .findFirst()
                .orElseThrow()
                .split(":", 0));

    Account account = success(login(pop3Test, "nobody", "nobody-secret"));

    assertEquals(Optional.of(Path.of(nobody.get(5))), account.home());
    assertEquals(Integer.parseInt(nobody.get(2)), account.uid().getAsInt());
    assertEquals(Integer.parseInt(nobody.get(3)), account.gid().getAsInt());
    assertEquals(Optional.empty(), account.maildir());
  }

  @Test
  void openSessionRunsTheSessionStackAndItsEnvironmentIsRead() {
    PamAuthenticator withSession =
        PamAuthenticator.create(PamWrapper.settings("pop3-test", Map.of("open-session", "true")));

    Account account = success(login(withSession, "alice", "alice-secret"));

    // pam_matrix's open_session sets HOMEDIR and its close_session removes it again.
    assertEquals("/home/alice", account.attributes().get("pam.env.HOMEDIR"));
    assertEquals(
        null,
        success(login(pop3Test, "alice", "alice-secret")).attributes().get("pam.env.HOMEDIR"));
  }

  static AuthResult login(PamAuthenticator pam, String user, String password) {
    return pam.authenticate(TestSession.from("192.0.2.7"), Credentials.Password.of(user, password));
  }

  static Account success(AuthResult result) {
    return assertInstanceOf(AuthResult.Success.class, result, result::toString).account();
  }

  static AuthResult.Failure failure(AuthResult result) {
    return assertInstanceOf(AuthResult.Failure.class, result, result::toString);
  }
}
