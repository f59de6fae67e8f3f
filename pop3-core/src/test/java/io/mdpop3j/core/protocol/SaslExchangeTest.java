package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.testing.ProtocolDriver;
import io.mdpop3j.core.testing.ScramClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AUTH (RFC 5034) with every built-in mechanism, driven line by line: what each exchange looks like
 * on the wire, and that every way it can fail gets a clear -ERR, is counted, and leaves the session
 * alive.
 */
class SaslExchangeTest {

  private static final String FAILED = "-ERR [AUTH] Authentication failed.";
  private static final String GOOD_TOKEN = "good-token-for-alice";

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
  private final MemoryMailStore store = new MemoryMailStore();
  private final AtomicInteger tokenChecks = new AtomicInteger();

  /** Accepts one token, for alice; anything else is expired. */
  private final BearerTokenValidator validator =
      (session, token, claimedUser) -> {
        tokenChecks.incrementAndGet();
        if (token.equals(GOOD_TOKEN) && (claimedUser.isEmpty() || claimedUser.equals("alice"))) {
          return new BearerTokenValidator.Valid("alice");
        }
        return new BearerTokenValidator.Invalid("token expired");
      };

  private ProtocolDriver session() {
    CommandTable table =
        CommandTable.standard(
            Set.of(), SaslMechanisms.found(getClass().getClassLoader()), Optional.of(validator));
    ProtocolDriver d = ProtocolDriver.of(table, auth, store);
    d.greeting();
    return d;
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] challenge(String status) {
    assertTrue(status.startsWith("+ "), status);
    return Base64.getDecoder().decode(status.substring(2));
  }

  private static void assertAlive(ProtocolDriver d) {
    assertEquals("+OK", d.send("USER alice"));
    assertEquals("+OK Logged in.", d.send("PASS secret"));
  }

  @Test
  void withAValidatorEveryMechanismIsOfferedStrongestFirst() {
    assertEquals(
        List.of(
            "SCRAM-SHA-256", "SCRAM-SHA-1", "OAUTHBEARER", "XOAUTH2", "CRAM-MD5", "PLAIN", "LOGIN"),
        session().lines("AUTH"));
  }

  @Test
  void loginAsksForTheUserThenThePassword() {
    ProtocolDriver d = session();
    assertEquals("Username:", new String(challenge(d.send("AUTH LOGIN")), StandardCharsets.UTF_8));
    assertEquals("Password:", new String(challenge(d.send(b64("alice"))), StandardCharsets.UTF_8));
    assertEquals("+OK Logged in.", d.send(b64("secret")));
  }

  @Test
  void loginWithAWrongPasswordFailsAndIsCounted() {
    ProtocolDriver d = session();
    d.send("AUTH LOGIN");
    d.send(b64("alice"));
    assertEquals(FAILED, d.send(b64("wrong")));
    d.send("AUTH LOGIN");
    d.send(b64("alice"));
    assertEquals(FAILED, d.send(b64("wrong")));
    d.send("AUTH LOGIN");
    d.send(b64("alice"));
    assertEquals("-ERR [AUTH] Too many authentication failures.", d.send(b64("wrong")));
    assertInstanceOf(Action.Close.class, d.lastResponse());
  }

  @Test
  void cramMd5AnswersTheServersChallengeWithAnHmacOfTheSecret() throws Exception {
    ProtocolDriver d = session();
    String challenge = new String(challenge(d.send("AUTH CRAM-MD5")), StandardCharsets.US_ASCII);
    assertTrue(challenge.matches("<[0-9a-f]{24}@pop\\.test>"), challenge);
    Mac hmac = Mac.getInstance("HmacMD5");
    hmac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
    String digest =
        HexFormat.of().formatHex(hmac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
    assertEquals("+OK Logged in.", d.send(b64("alice " + digest)));
  }

  @Test
  void cramMd5WithAWrongDigestFailsAndTheSessionGoesOn() {
    ProtocolDriver d = session();
    d.send("AUTH CRAM-MD5");
    assertEquals(FAILED, d.send(b64("alice 0123456789abcdef0123456789abcdef")));
    assertAlive(d);
  }

  @Test
  void cramMd5ChallengesAreNeverRepeated() {
    ProtocolDriver d = session();
    String first = d.send("AUTH CRAM-MD5");
    d.send("*");
    assertFalse(first.equals(d.send("AUTH CRAM-MD5")));
  }

  @Test
  void scramSha256ProvesBothSidesAndOpensTheMailboxAfterTheClientsEmptyAnswer() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-256", "alice", "secret", null, null, "clientnonce1");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    byte[] serverFinal = challenge(d.send(b64(client.last(serverFirst, null))));
    assertTrue(client.serverVerified(serverFinal), "the server knows alice's keys");
    assertEquals(State.AUTHORIZATION, d.session().state(), "not logged in before the empty answer");
    assertEquals("+OK Logged in.", d.send(""));
    assertEquals(State.TRANSACTION, d.session().state());
  }

  @Test
  void scramSha1WorksAsWell() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-1", "alice", "secret", null, null, "n0nce");
    d.send("AUTH SCRAM-SHA-1");
    byte[] serverFirst = challenge(d.send(b64(client.first())));
    byte[] serverFinal = challenge(d.send(b64(client.last(serverFirst, null))));
    assertTrue(client.serverVerified(serverFinal));
    assertEquals("+OK Logged in.", d.send(""));
  }

  @Test
  void scramWithAWrongPasswordFailsAfterTheProof() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-256", "alice", "wrong", null, null, "abc");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    assertEquals(FAILED, d.send(b64(client.last(serverFirst, null))));
    assertAlive(d);
  }

  @Test
  void scramForAnUnknownUserLooksTheSameUntilTheProofFails() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-256", "mallory", "secret", null, null, "abc");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    assertTrue(new String(serverFirst, StandardCharsets.UTF_8).contains(",i=4096"));
    assertEquals(FAILED, d.send(b64(client.last(serverFirst, null))));
  }

  @Test
  void scramWithAReplacedNonceIsRefused() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-256", "alice", "secret", null, null, "abc");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    // A client-final replayed from another exchange carries that exchange's nonce.
    assertEquals(FAILED, d.send(b64(client.last(serverFirst, "abcREPLAYEDNONCE"))));
    assertAlive(d);
  }

  @Test
  void scramAskingToActAsAnotherUserIsRefusedThoughTheProofIsRight() {
    ProtocolDriver d = session();
    ScramClient client =
        new ScramClient("SHA-256", "alice", "secret", null, null, "abc").actingAs("bob");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    assertEquals(FAILED, d.send(b64(client.last(serverFirst, null))));
    assertEquals(State.AUTHORIZATION, d.session().state());
  }

  @Test
  void scramAskingToActAsItselfLogsIn() {
    ProtocolDriver d = session();
    ScramClient client =
        new ScramClient("SHA-256", "alice", "secret", null, null, "abc").actingAs("alice");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    challenge(d.send(b64(client.last(serverFirst, null))));
    assertEquals("+OK Logged in.", d.send(""));
  }

  @Test
  void scramAbortedAfterTheServerFinalDoesNotLogIn() {
    ProtocolDriver d = session();
    ScramClient client = new ScramClient("SHA-256", "alice", "secret", null, null, "abc");
    byte[] serverFirst = challenge(d.send("AUTH SCRAM-SHA-256 " + b64(client.first())));
    challenge(d.send(b64(client.last(serverFirst, null))));
    assertEquals("-ERR Authentication aborted.", d.send("*"));
    assertEquals(State.AUTHORIZATION, d.session().state());
    assertAlive(d);
  }

  @Test
  void scramPlusIsNotOfferedWithoutTls() {
    assertEquals(
        "-ERR Unsupported authentication mechanism.", session().send("AUTH SCRAM-SHA-256-PLUS"));
  }

  private static String oauthBearer(String user, String token) {
    return b64("n,a=" + user + ",\u0001auth=Bearer " + token + "\u0001\u0001");
  }

  @Test
  void oauthBearerWithAValidTokenLogsIn() {
    ProtocolDriver d = session();
    assertEquals("+OK Logged in.", d.send("AUTH OAUTHBEARER " + oauthBearer("alice", GOOD_TOKEN)));
    assertEquals(1, tokenChecks.get());
  }

  @Test
  void oauthBearerWithAnExpiredTokenGetsTheJsonErrorThenTheFailure() {
    ProtocolDriver d = session();
    byte[] error = challenge(d.send("AUTH OAUTHBEARER " + oauthBearer("alice", "expired")));
    assertEquals("{\"status\":\"invalid_token\"}", new String(error, StandardCharsets.UTF_8));
    // RFC 7628 section 3.2.3: the client answers the error with a lone 0x01.
    assertEquals(FAILED, d.send("AQ=="));
    assertAlive(d);
  }

  @Test
  void oauthBearerForAnotherUsersTokenIsRefused() {
    ProtocolDriver d = session();
    challenge(d.send("AUTH OAUTHBEARER " + oauthBearer("bob", GOOD_TOKEN)));
    assertEquals(FAILED, d.send("AQ=="));
  }

  @Test
  void xoauth2WithAValidTokenLogsInAndAForgedOneFails() {
    ProtocolDriver d = session();
    String good = b64("user=alice\u0001auth=Bearer " + GOOD_TOKEN + "\u0001\u0001");
    assertEquals("+OK Logged in.", d.send("AUTH XOAUTH2 " + good));
    d.session().end(false);
    ProtocolDriver e = session();
    String forged = b64("user=alice\u0001auth=Bearer forged\u0001\u0001");
    String status = e.send("AUTH XOAUTH2 " + forged);
    if (status.startsWith("+ ")) {
      // Google's form sends a JSON error first, answered with an empty line.
      status = e.send("");
    }
    assertEquals(FAILED, status);
    assertAlive(e);
  }

  @Test
  void withoutAValidatorTheBearerMechanismsAreNotOffered() {
    ProtocolDriver d = ProtocolDriver.of(auth, store);
    d.greeting();
    assertFalse(d.lines("AUTH").contains("OAUTHBEARER"));
    assertEquals(
        "-ERR Unsupported authentication mechanism.",
        d.send("AUTH OAUTHBEARER " + oauthBearer("alice", GOOD_TOKEN)));
  }

  @Test
  void aValidatorThatCannotCheckNowGivesATemporaryFailure() {
    BearerTokenValidator down =
        (session, token, user) -> new BearerTokenValidator.Unavailable("JWKS unreachable");
    ProtocolDriver d =
        ProtocolDriver.of(
            CommandTable.standard(
                Set.of(), SaslMechanisms.found(getClass().getClassLoader()), Optional.of(down)),
            auth,
            store);
    d.greeting();
    assertEquals(
        "-ERR [SYS/TEMP] Temporary authentication failure.",
        d.send("AUTH OAUTHBEARER " + oauthBearer("alice", GOOD_TOKEN)));
    assertAlive(d);
  }

  @Test
  void aStarCancelsTheExchangeWithAClearErrorAndTheSessionGoesOn() {
    ProtocolDriver d = session();
    d.send("AUTH LOGIN");
    assertEquals("-ERR Authentication aborted.", d.send("*"));
    assertAlive(d);
  }

  @Test
  void malformedBase64IsAClearErrorAndTheSessionGoesOn() {
    ProtocolDriver d = session();
    d.send("AUTH CRAM-MD5");
    assertEquals("-ERR Invalid base64 data in continued response.", d.send("%%%"));
    assertEquals("-ERR Invalid base64 data in initial response.", d.send("AUTH PLAIN %%%"));
    assertAlive(d);
  }

  @Test
  void aMalformedMechanismMessageIsAFailedLogin() {
    ProtocolDriver d = session();
    assertEquals(FAILED, d.send("AUTH PLAIN " + b64("no nul bytes")));
    assertEquals(FAILED, d.send("AUTH SCRAM-SHA-256 " + b64("x,,n=alice,r=abc")));
    assertEquals(
        "-ERR [AUTH] Too many authentication failures.",
        d.send("AUTH OAUTHBEARER " + b64("not a gs2 header")));
  }

  @Test
  void anOverlongResponseFailsTheLoginAndTheSessionGoesOn() {
    ProtocolDriver d = session();
    d.send("AUTH LOGIN");
    Action refused = d.session().lineTooLong(true);
    assertEquals(FAILED, refused.reply().statusLine());
    assertFalse(d.session().awaitingSaslResponse());
    assertAlive(d);
  }

  @Test
  void anOverlongCommandThatIsNotSaslClosesTheSession() {
    ProtocolDriver d = session();
    assertInstanceOf(Action.Close.class, d.session().lineTooLong(false));
  }

  @Test
  void saslResponsesAreHiddenFromLogs() {
    ProtocolDriver d = session();
    d.send("AUTH LOGIN");
    assertEquals("<hidden>", d.session().redact(b64("alice")));
  }
}
