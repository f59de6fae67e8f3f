package io.mdpop3j.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The in-memory authenticator: passwords and APOP. */
class MemoryAuthenticatorTest {

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "s3cret");

  private static String apopDigest(String timestamp, String secret) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("MD5")
                .digest((timestamp + secret).getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void theRightPasswordSucceedsWithTheUsersAccount() {
    AuthResult r = auth.authenticate(null, Credentials.Password.of("alice", "s3cret"));
    assertEquals("alice", assertInstanceOf(AuthResult.Success.class, r).account().user());
  }

  @Test
  void aWrongPasswordOrUnknownUserIsBadCredentials() {
    for (Credentials c :
        new Credentials[] {
          Credentials.Password.of("alice", "S3cret"),
          Credentials.Password.of("alice", "s3cret "),
          Credentials.Password.of("mallory", "s3cret")
        }) {
      AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, auth.authenticate(null, c));
      assertEquals(AuthResult.Reason.BAD_CREDENTIALS, f.reason());
      assertTrue(!f.logMessage().contains("s3cret"), "no secret in the log text");
    }
  }

  @Test
  void apopIsSupportedAndChecksTheDigest() throws Exception {
    assertTrue(auth.supportsApop());
    String ts = "<1896.697170952@dbc.mtview.ca.us>";
    assertInstanceOf(
        AuthResult.Success.class,
        auth.authenticate(null, new Credentials.Apop("alice", apopDigest(ts, "s3cret"), ts)));
    assertInstanceOf(
        AuthResult.Failure.class,
        auth.authenticate(null, new Credentials.Apop("alice", apopDigest(ts, "wrong"), ts)));
  }

  @Test
  void theRfc1939ApopExampleDigestMatches() {
    // RFC 1939 section 7: secret "tanstaaf" with that timestamp.
    Credentials.Apop apop =
        new Credentials.Apop(
            "mrose", "c4c9334bac560ecc979e58001b3e22fb", "<1896.697170952@dbc.mtview.ca.us>");
    assertTrue(apop.matches("tanstaaf".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void removedUsersCanNoLongerLogIn() {
    auth.removeUser("alice");
    assertInstanceOf(
        AuthResult.Failure.class,
        auth.authenticate(null, Credentials.Password.of("alice", "s3cret")));
  }
}
