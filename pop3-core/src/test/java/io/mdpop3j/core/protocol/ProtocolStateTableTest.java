package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.testing.ProtocolDriver;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One table of which command is valid in which state (RFC 1939 sections 4 to 7). */
class ProtocolStateTableTest {

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
  private final MemoryMailStore store = new MemoryMailStore();

  private ProtocolDriver fresh() {
    ProtocolDriver d = ProtocolDriver.of(auth, store);
    d.greeting();
    return d;
  }

  @ParameterizedTest
  @ValueSource(strings = {"STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL"})
  void transactionCommandsAreRefusedBeforeLogin(String keyword) {
    ProtocolDriver d = fresh();
    assertEquals("-ERR " + keyword + " is not allowed before login.", d.send(keyword + " 1"));
    assertEquals(State.AUTHORIZATION, d.session().state());
  }

  @ParameterizedTest
  @ValueSource(strings = {"USER", "PASS", "APOP", "AUTH", "STLS"})
  void authorizationCommandsAreRefusedAfterLogin(String keyword) {
    ProtocolDriver d = fresh().login("alice", "secret");
    assertEquals("-ERR " + keyword + " is not allowed after login.", d.send(keyword + " x"));
    assertEquals(State.TRANSACTION, d.session().state());
  }

  @Test
  void theStateCheckIgnoresTheKeywordsCase() {
    assertEquals("-ERR STAT is not allowed before login.", fresh().send("stat"));
  }

  @Test
  void capaAndQuitWorkInBothStates() {
    ProtocolDriver before = fresh();
    assertTrue(before.send("CAPA").startsWith("+OK"));
    assertEquals("+OK Logging out.", before.send("QUIT"));
    ProtocolDriver after = fresh().login("alice", "secret");
    assertTrue(after.send("capa").startsWith("+OK"));
    assertEquals("+OK Logging out.", after.send("quit"));
  }

  @Test
  void anUnknownCommandIsNamedInTheReply() {
    ProtocolDriver d = fresh();
    assertEquals("-ERR Unknown command: FOO", d.send("foo bar"));
    assertEquals("-ERR Unknown command: ", d.send(""));
    assertEquals("-ERR Unknown command: X?Y", d.send("x\u0007y"));
  }

  @Test
  void capaBeforeLoginListsLoginMethodsTopAndUidl() {
    List<String> capa = fresh().lines("CAPA");
    assertEquals(
        List.of(
            "CAPA",
            "RESP-CODES",
            "AUTH-RESP-CODE",
            "PIPELINING",
            "TOP",
            "UIDL",
            "USER",
            "SASL SCRAM-SHA-256 SCRAM-SHA-1 CRAM-MD5 PLAIN LOGIN",
            "IMPLEMENTATION mdpop3j"),
        capa);
  }

  @Test
  void capaAfterLoginDropsLoginMethods() {
    List<String> capa = fresh().login("alice", "secret").lines("CAPA");
    assertTrue(capa.contains("TOP"));
    assertTrue(capa.contains("UIDL"));
    assertFalse(capa.contains("USER"));
    assertFalse(capa.stream().anyMatch(l -> l.startsWith("SASL")));
    assertFalse(capa.contains("STLS"), "no TLS configured here");
  }

  @Test
  void aDisabledCommandIsUnknownAndGoneFromCapa() {
    ProtocolDriver d =
        ProtocolDriver.of(
            ProtocolDriver.config(false, false, Set.of("TOP", "UIDL"), Integer.MAX_VALUE),
            auth,
            store);
    d.login("alice", "secret");
    assertEquals("-ERR Unknown command: TOP", d.send("TOP 1 0"));
    assertEquals("-ERR Unknown command: UIDL", d.send("UIDL"));
    List<String> capa = d.lines("CAPA");
    assertFalse(capa.contains("TOP"));
    assertFalse(capa.contains("UIDL"));
  }

  @Test
  void capaLeavesOutImplementationWhenTheHostTurnsItOff() {
    ProtocolSettings base = ProtocolDriver.config();
    ProtocolSettings quiet =
        new ProtocolSettings(
            base.greeting(),
            base.apop(),
            base.apopHost(),
            java.util.Optional.empty(),
            base.maxFailedLogins(),
            base.maxBadCommands(),
            base.authFailureDelay(),
            base.plaintextNeedsTls(),
            base.disabledCommands(),
            base.maxMessages(),
            base.maxBytes(),
            base.loginThrottle(),
            false);
    ProtocolDriver d = ProtocolDriver.of(quiet, auth, store);
    d.greeting();
    assertFalse(d.lines("CAPA").stream().anyMatch(l -> l.startsWith("IMPLEMENTATION")));
  }

  @Test
  void cleartextLoginsAreRefusedAndHiddenWhenThePolicyNeedsTlsForARemoteClient() {
    ProtocolDriver d =
        ProtocolDriver.remote(
            ProtocolDriver.config(false, true, Set.of(), Integer.MAX_VALUE), auth, store);
    d.greeting();
    String refused =
        "-ERR [AUTH] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.";
    assertEquals(refused, d.send("USER alice"));
    assertEquals(refused, d.send("PASS secret"));
    assertEquals(refused, d.send("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
    List<String> capa = d.lines("CAPA");
    assertFalse(capa.contains("USER"));
    // Only mechanisms whose secret an eavesdropper could not reuse remain.
    assertTrue(capa.contains("SASL SCRAM-SHA-256 SCRAM-SHA-1 CRAM-MD5"), capa::toString);
  }

  @Test
  void aLoopbackClientMayLogInInCleartextEvenWhenThePolicyNeedsTls() {
    ProtocolDriver d =
        ProtocolDriver.of(
            ProtocolDriver.config(false, true, Set.of(), Integer.MAX_VALUE), auth, store);
    d.login("alice", "secret");
    assertEquals(State.TRANSACTION, d.session().state());
  }
}
