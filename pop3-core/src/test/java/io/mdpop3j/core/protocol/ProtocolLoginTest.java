package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.testing.ProtocolDriver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** USER/PASS, APOP and AUTH PLAIN (RFC 1939 section 7, RFC 5034, RFC 3206). */
class ProtocolLoginTest {
  private static final String FAILED = "-ERR [AUTH] Authentication failed.";

  private final MemoryAuthenticator auth =
      new MemoryAuthenticator().addUser("alice", "secret").addUser("bob", "two words  here");
  private final MemoryMailStore store = new MemoryMailStore();

  private ProtocolDriver fresh() {
    ProtocolDriver d = ProtocolDriver.of(auth, store);
    d.greeting();
    return d;
  }

  private ProtocolDriver apop(Authenticator authenticator) {
    return ProtocolDriver.of(
        ProtocolDriver.config(true, false, Set.of(), Integer.MAX_VALUE), authenticator, store);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String md5Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void userThenPassLogsIn() {
    ProtocolDriver d = fresh();
    assertEquals("+OK ready.", d.greeting());
    assertEquals("+OK", d.send("USER alice"));
    assertEquals("+OK Logged in.", d.send("PASS secret"));
    assertEquals(State.TRANSACTION, d.session().state());
    assertEquals("alice", d.info().user().orElseThrow());
  }

  @Test
  void passTakesTheRestOfTheLineSpacesIncluded() {
    ProtocolDriver d = fresh();
    d.send("USER bob");
    assertEquals("+OK Logged in.", d.send("PASS two words  here"));
  }

  @Test
  void passWithoutUserIsRefused() {
    assertEquals("-ERR No username given.", fresh().send("PASS secret"));
  }

  @Test
  void userNeedsAName() {
    assertEquals("-ERR USER needs a user name.", fresh().send("USER"));
  }

  @Test
  void userRefusesNamesNoPlugInShouldSee() {
    assertEquals("-ERR [AUTH] Invalid user name.", fresh().send("USER ../alice"));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameReply() {
    ProtocolDriver d = fresh();
    d.send("USER alice");
    assertEquals(FAILED, d.send("PASS wrong"));
    d.send("USER nobody");
    assertEquals(FAILED, d.send("PASS secret"));
    assertEquals(State.AUTHORIZATION, d.session().state());
  }

  @Test
  void anEmptyPasswordFailsWithoutAskingTheAuthenticator() {
    List<Credentials> seen = new ArrayList<>();
    Authenticator recording =
        (session, credentials) -> {
          seen.add(credentials);
          return AuthResult.success(Account.named(credentials.user()));
        };
    ProtocolDriver d = ProtocolDriver.of(recording, store);
    d.greeting();
    d.send("USER alice");
    assertEquals(FAILED, d.send("PASS "));
    assertTrue(seen.isEmpty());
  }

  @Test
  void theThirdFailedLoginClosesTheSession() {
    ProtocolDriver d = fresh();
    for (int i = 0; i < 2; i++) {
      d.send("USER alice");
      assertEquals(FAILED, d.send("PASS wrong"));
      assertInstanceOf(Action.Send.class, d.lastResponse());
    }
    d.send("USER alice");
    assertEquals("-ERR [AUTH] Too many authentication failures.", d.send("PASS wrong"));
    assertInstanceOf(Action.Close.class, d.lastResponse());
  }

  @Test
  void aTemporaryAuthenticatorFailureIsSysTemp() {
    Authenticator down =
        (s, c) -> AuthResult.failure(AuthResult.Reason.TEMPORARY, "directory unreachable");
    ProtocolDriver d = ProtocolDriver.of(down, store);
    d.greeting();
    d.send("USER alice");
    assertEquals("-ERR [SYS/TEMP] Temporary authentication failure.", d.send("PASS secret"));
  }

  @Test
  void anAuthenticatorThatThrowsIsATemporaryFailure() {
    Authenticator broken =
        (s, c) -> {
          throw new IllegalStateException("bug");
        };
    ProtocolDriver d = ProtocolDriver.of(broken, store);
    d.greeting();
    d.send("USER alice");
    assertEquals("-ERR [SYS/TEMP] Temporary authentication failure.", d.send("PASS secret"));
  }

  @Test
  void aDisabledAccountGetsTheAuthCodeLikeBadCredentials() {
    Authenticator disabled =
        (s, c) -> AuthResult.failure(AuthResult.Reason.ACCOUNT_DISABLED, "expired");
    ProtocolDriver d = ProtocolDriver.of(disabled, store);
    d.greeting();
    d.send("USER alice");
    assertEquals(FAILED, d.send("PASS secret"));
  }

  @Test
  void theAuthenticatorSeesTheSessionAndAWipedPasswordAfterwards() {
    List<Credentials.Password> seen = new ArrayList<>();
    List<String> sessionUsers = new ArrayList<>();
    Authenticator recording =
        (session, credentials) -> {
          Credentials.Password p = (Credentials.Password) credentials;
          assertEquals("secret", new String(p.password(), StandardCharsets.UTF_8));
          sessionUsers.add(session.id());
          seen.add(p);
          return AuthResult.success(Account.named(p.user()));
        };
    ProtocolDriver d = ProtocolDriver.of(recording, store).login("alice", "secret");
    assertEquals(List.of(d.info().id()), sessionUsers);
    assertTrue(
        java.util.Arrays.equals(new byte[6], seen.get(0).password()),
        "the password bytes are zeroed once the login is decided");
  }

  @Test
  void aMailboxInUseIsReportedWithInUse() {
    ProtocolDriver first = fresh().login("alice", "secret");
    ProtocolDriver second = fresh();
    second.send("USER alice");
    assertEquals(
        "-ERR [IN-USE] Mailbox is locked by another POP3 session.", second.send("PASS secret"));
    assertEquals(State.AUTHORIZATION, second.session().state());
    first.send("QUIT");
    second.send("USER alice");
    assertEquals("+OK Logged in.", second.send("PASS secret"));
  }

  @Test
  void aStoreThatCannotOpenTheMailboxGivesItsKindAndText() {
    ProtocolDriver perm =
        ProtocolDriver.of(
            auth,
            (s, a) -> {
              throw new MailStoreException(
                  MailStoreException.Kind.PERMANENT, "Mailbox is damaged.");
            });
    perm.greeting();
    perm.send("USER alice");
    assertEquals("-ERR [SYS/PERM] Mailbox is damaged.", perm.send("PASS secret"));

    ProtocolDriver crash =
        ProtocolDriver.of(
            auth,
            (s, a) -> {
              throw new IllegalStateException("bug");
            });
    crash.greeting();
    crash.send("USER alice");
    assertEquals("-ERR [SYS/TEMP] Mailbox could not be opened.", crash.send("PASS secret"));
  }

  @Test
  void authPlainWithAnInitialResponseLogsIn() {
    ProtocolDriver d = fresh();
    assertEquals("+OK Logged in.", d.send("AUTH PLAIN " + base64("\0alice\0secret")));
    assertEquals(State.TRANSACTION, d.session().state());
  }

  @Test
  void authMechanismNamesAreCaseInsensitive() {
    assertEquals("+OK Logged in.", fresh().send("auth plain " + base64("\0alice\0secret")));
  }

  @Test
  void authPlainWithAContinuationLogsIn() {
    ProtocolDriver d = fresh();
    assertEquals("+ ", d.send("AUTH PLAIN"));
    assertEquals("+OK Logged in.", d.send(base64("\0bob\0two words  here")));
  }

  @Test
  void aStarAbortsTheExchangeAndTheSessionGoesOn() {
    ProtocolDriver d = fresh();
    d.send("AUTH PLAIN");
    assertEquals("-ERR Authentication aborted.", d.send("*"));
    assertEquals(State.AUTHORIZATION, d.session().state());
    assertEquals("+OK", d.send("USER alice"));
  }

  @Test
  void anEqualsSignIsAnEmptyInitialResponseWhichPlainRefuses() {
    assertEquals(FAILED, fresh().send("AUTH PLAIN ="));
  }

  @Test
  void authPlainWithAWrongPasswordFails() {
    assertEquals(FAILED, fresh().send("AUTH PLAIN " + base64("\0alice\0nope")));
  }

  @Test
  void authPlainWithAMalformedMessageFails() {
    assertEquals(FAILED, fresh().send("AUTH PLAIN " + base64("alice secret")));
  }

  @Test
  void authRefusesBadBase64() {
    assertEquals("-ERR Invalid base64 data in initial response.", fresh().send("AUTH PLAIN !!!"));
    ProtocolDriver d = fresh();
    d.send("AUTH PLAIN");
    assertEquals("-ERR Invalid base64 data in continued response.", d.send("not base64!"));
  }

  @Test
  void authRefusesUnknownMechanismsAndExtraArguments() {
    assertEquals("-ERR Unsupported authentication mechanism.", fresh().send("AUTH DIGEST-MD5"));
    assertEquals(
        "-ERR AUTH takes a mechanism and at most one initial response.",
        fresh().send("AUTH PLAIN a b"));
  }

  @Test
  void authWithoutArgumentsListsTheMechanisms() {
    assertEquals(
        List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"),
        fresh().lines("AUTH"));
  }

  @Test
  void onlyMechanismsTheAuthenticatorCanCheckAreOfferedOrAccepted() {
    Authenticator passwordsOnly = (session, credentials) -> auth.authenticate(session, credentials);
    ProtocolDriver d = ProtocolDriver.of(passwordsOnly, store);
    d.greeting();
    assertEquals(List.of("PLAIN", "LOGIN"), d.lines("AUTH"));
    assertEquals("-ERR Unsupported authentication mechanism.", d.send("AUTH CRAM-MD5"));
    assertEquals("-ERR Unsupported authentication mechanism.", d.send("AUTH SCRAM-SHA-256"));
  }

  @Test
  void redactHidesPasswordsAndSaslResponses() {
    ProtocolDriver d = fresh();
    ProtocolSession s = d.session();
    assertEquals("USER alice", s.redact("USER alice"));
    assertEquals("PASS <hidden>", s.redact("PASS my secret"));
    assertEquals("pass <hidden>", s.redact("pass my secret"));
    assertEquals("AUTH PLAIN <hidden>", s.redact("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
    assertEquals("AUTH PLAIN", s.redact("AUTH PLAIN"));
    d.send("AUTH PLAIN");
    assertEquals("<hidden>", s.redact("AGFsaWNlAHNlY3JldA=="));
  }

  @Test
  void redactKeysOnTheCommandAsParsedSoAMalformedPassIsHiddenToo() {
    ProtocolSession s = fresh().session();
    assertEquals("PASS <hidden>", s.redact("PASS\tmy secret"));
    assertEquals(" PAS <hidden>", s.redact(" PASS my secret"));
    assertEquals("PASS", s.redact("PASS"));
    assertEquals("APOP alice <hidden>", s.redact("APOP alice 0123456789abcdef"));
    assertEquals("XTND <hidden>", s.redact("XTND XMIT secret"));
  }

  @Test
  void redactTurnsControlAndEightBitOctetsIntoQuestionMarks() {
    ProtocolSession s = fresh().session();
    assertEquals("USER a?b?c?", s.redact("USER a\u0085b\u001bc\u00ff"));
    assertEquals("LIST 1?", s.redact("LIST 1\u2028"));
  }

  @Test
  void theGreetingCarriesATimestampOnlyWhenApopIsOnAndTheAuthenticatorSupportsIt() {
    assertTrue(apop(auth).greeting().matches("\\+OK ready\\. <[^<>@ ]+@pop\\.test>"));

    Authenticator noApop = (s, c) -> AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "x");
    assertEquals("+OK ready.", apop(noApop).greeting());

    assertEquals("+OK ready.", ProtocolDriver.of(auth, store).greeting());
  }

  @Test
  void theApopTimestampDiffersFromSessionToSession() {
    ProtocolDriver a = apop(auth);
    ProtocolDriver b = apop(auth);
    a.greeting();
    b.greeting();
    assertNotEquals(a.info().apopTimestamp(), b.info().apopTimestamp());
  }

  @Test
  void apopWithTheRightDigestLogsIn() throws Exception {
    ProtocolDriver d = apop(auth);
    Matcher m = Pattern.compile("(<.*>)").matcher(d.greeting());
    assertTrue(m.find());
    String timestamp = m.group(1);
    assertEquals(timestamp, d.info().apopTimestamp().orElseThrow());
    assertEquals("+OK Logged in.", d.send("APOP alice " + md5Hex(timestamp + "secret")));
    assertEquals(State.TRANSACTION, d.session().state());
  }

  @Test
  void apopAcceptsUpperCaseHex() throws Exception {
    ProtocolDriver d = apop(auth);
    d.greeting();
    String digest =
        md5Hex(d.info().apopTimestamp().orElseThrow() + "secret").toUpperCase(Locale.ROOT);
    assertEquals("+OK Logged in.", d.send("APOP alice " + digest));
  }

  @Test
  void apopWithAWrongDigestFails() throws Exception {
    ProtocolDriver d = apop(auth);
    d.greeting();
    assertEquals(FAILED, d.send("APOP alice " + md5Hex("<other@host>secret")));
    assertEquals(FAILED, d.send("APOP alice not-a-digest"));
  }

  @Test
  void apopNeedsAUserAndADigest() {
    ProtocolDriver d = apop(auth);
    d.greeting();
    assertEquals("-ERR APOP needs a user name and a digest.", d.send("APOP alice"));
  }

  @Test
  void apopIsRefusedWhenNotOffered() throws Exception {
    ProtocolDriver d = fresh();
    assertFalse(d.info().apopTimestamp().isPresent());
    assertEquals("-ERR APOP is not available.", d.send("APOP alice " + md5Hex("<x@y>secret")));
  }
}
