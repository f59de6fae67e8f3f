package io.mdpop3j.auth.pam;

import static io.mdpop3j.auth.pam.PamAuthenticatorTest.failure;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.testing.RequiresPackages;
import io.mdpop3j.core.testing.TestSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * APOP through PAM: the module receives {@code APOP <digest> <timestamp>} as the password. The
 * pam_matrix database holds that exact string for apop-user, with the digest of RFC 1939 section
 * 7's example (timestamp {@code <1896.697170952@dbc.mtview.ca.us>}, secret {@code tanstaaf}).
 */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamApopTest {
  private static final String TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";
  private static final String DIGEST = "c4c9334bac560ecc979e58001b3e22fb";

  private final PamAuthenticator apopOn =
      PamAuthenticator.create(PamWrapper.settings("pop3-test", Map.of("apop", "true")));

  @Test
  void apopStringReachesTheModuleWhichAcceptsIt() {
    assertEquals("apop-user", success(apop(apopOn, "apop-user", DIGEST)).user());
  }

  @Test
  void upperCaseDigestIsHandedToPamInLowerCase() {
    assertEquals(
        "apop-user", success(apop(apopOn, "apop-user", DIGEST.toUpperCase(Locale.ROOT))).user());
  }

  @Test
  void siteScriptBehindPamExecChecksApopWithAnyTimestamp() throws Exception {
    PamAuthenticator exec =
        PamAuthenticator.create(PamWrapper.settings("pop3-test-apop", Map.of("apop", "true")));
    String timestamp = "<4711." + System.nanoTime() + "@mail.example.org>";
    String digest = md5Hex(timestamp + "tanstaaf");

    assertEquals("apop-user", success(apop(exec, "apop-user", digest, timestamp)).user());
    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS,
        failure(apop(exec, "apop-user", md5Hex(timestamp + "wrong"), timestamp)).reason());
    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS,
        failure(apop(exec, "nobody-here", digest, timestamp)).reason());
  }

  @Test
  void apopStackStillAcceptsOrdinaryPasswords() {
    PamAuthenticator exec =
        PamAuthenticator.create(PamWrapper.settings("pop3-test-apop", Map.of("apop", "true")));

    assertEquals(
        "alice", success(PamAuthenticatorTest.login(exec, "alice", "alice-secret")).user());
    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS,
        failure(PamAuthenticatorTest.login(exec, "alice", "wrong")).reason());
  }

  @Test
  void wrongDigestIsBadCredentials() {
    String wrong = "c4c9334bac560ecc979e58001b3e22fc";

    assertEquals(
        AuthResult.Reason.BAD_CREDENTIALS, failure(apop(apopOn, "apop-user", wrong)).reason());
  }

  @Test
  void digestThatIsNot32HexDigitsNeverReachesPam() {
    for (String digest :
        new String[] {DIGEST.substring(1), DIGEST + "0", "g" + DIGEST.substring(1), ""}) {
      AuthResult.Failure failure = failure(apop(apopOn, "apop-user", digest));
      assertEquals(AuthResult.Reason.BAD_CREDENTIALS, failure.reason());
      assertTrue(failure.logMessage().contains("malformed"), failure.logMessage());
    }
  }

  @Test
  void apopIsOffByDefaultAndThenRefusedEvenWhenRight() {
    PamAuthenticator apopOff = PamWrapper.authenticator("pop3-test");

    assertFalse(apopOff.supportsApop());
    assertTrue(apopOn.supportsApop());
    AuthResult.Failure failure = failure(apop(apopOff, "apop-user", DIGEST));
    assertTrue(failure.logMessage().contains("pam.apop"), failure.logMessage());
  }

  @Test
  void apopPasswordIsTheKeywordTheDigestAndTheTimestamp() {
    byte[] secret =
        PamAuthenticator.apopSecret(
                new Credentials.Apop("u", DIGEST.toUpperCase(Locale.ROOT), TIMESTAMP))
            .orElseThrow();

    assertArrayEquals(
        ("APOP " + DIGEST + " " + TIMESTAMP).getBytes(StandardCharsets.US_ASCII), secret);
  }

  private static AuthResult apop(PamAuthenticator pam, String user, String digest) {
    return apop(pam, user, digest, TIMESTAMP);
  }

  private static AuthResult apop(
      PamAuthenticator pam, String user, String digest, String timestamp) {
    TestSession session = TestSession.from("192.0.2.9", 110).withApop(timestamp);
    return pam.authenticate(session, new Credentials.Apop(user, digest, timestamp));
  }

  private static String md5Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII)));
  }
}
