package io.mdpop3j.core.server;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static io.mdpop3j.core.testing.WireForm.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.testing.FixedMailStore;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.wire.WireSize;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command and every error text once, over a real socket on 127.0.0.1. */
class ServerCommandsTest {

  private static final byte[] M1 = ascii("Subject: one\n\nfirst body\n.dot line\n");
  private static final byte[] M2 = ascii("Subject: two\r\n\r\nsecond\r\nmore\r\n");
  private static final long S1 = WireSize.of(M1);
  private static final long S2 = WireSize.of(M2);

  private TestServer server;
  private String uid1;
  private String uid2;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start();
    uid1 = server.store.deliver("alice", M1);
    uid2 = server.store.deliver("alice", M2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends each command and checks the one-line reply it gets, in order. */
  private static void expect(RawClient c, String[][] script) throws Exception {
    for (String[] step : script) {
      assertEquals(step[1], c.command(step[0]), "reply to " + step[0]);
    }
  }

  @Test
  void authorizationStateCommandsAndTheirErrors() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      assertEquals("+OK mdpop3j ready.", c.readLine());
      assertEquals("+OK Capability list follows", c.command("CAPA"));
      List<String> capa = c.readBody();
      assertTrue(capa.containsAll(List.of("TOP", "UIDL", "USER", "PIPELINING")));
      assertTrue(
          capa.contains("SASL SCRAM-SHA-256 SCRAM-SHA-1 CRAM-MD5 PLAIN LOGIN"), capa::toString);
      expect(
          c,
          new String[][] {
            {"STAT", "-ERR STAT is not allowed before login."},
            {"LIST", "-ERR LIST is not allowed before login."},
            {"RETR 1", "-ERR RETR is not allowed before login."},
            {"FOO", "-ERR Unknown command: FOO"},
            {"PASS secret", "-ERR No username given."},
            {"USER", "-ERR USER needs a user name."},
            {"USER a/b", "-ERR [AUTH] Invalid user name."},
            {"APOP alice 0123456789abcdef0123456789abcdef", "-ERR APOP is not available."},
            {"AUTH DIGEST-MD5", "-ERR Unsupported authentication mechanism."},
            {"AUTH PLAIN a b", "-ERR AUTH takes a mechanism and at most one initial response."},
            {"AUTH PLAIN %%%", "-ERR Invalid base64 data in initial response."},
            {"AUTH PLAIN", "+ "},
            {"*", "-ERR Authentication aborted."},
            {"AUTH PLAIN", "+ "},
            {"%%%", "-ERR Invalid base64 data in continued response."},
            {"STLS", "-ERR STLS is not available."},
            {"USER alice", "+OK"},
            {"PASS wrong", "-ERR [AUTH] Authentication failed."},
            {"AUTH PLAIN " + b64("\0alice\0wrong"), "-ERR [AUTH] Authentication failed."},
          });
      // The third failure closes the session.
      assertEquals("-ERR [AUTH] Too many authentication failures.", c.command("AUTH PLAIN ="));
      assertTrue(c.closedByServer());
    }
    assertEquals(EndReason.AUTH_FAILURES, server.awaitEnd().reason());
  }

  @Test
  void authListsMechanismsAndAuthPlainLogsIn() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals("+OK", c.command("AUTH"));
      assertEquals(
          List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"), c.readBody());
      assertEquals("+ ", c.command("AUTH PLAIN"));
      assertEquals("+OK Logged in.", c.command(b64("\0alice\0secret")));
      assertEquals("+OK 2 " + (S1 + S2), c.command("STAT"));
    }
  }

  @Test
  void transactionStateCommandsAndTheirErrors() throws Exception {
    try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
      assertEquals("+OK 2 " + (S1 + S2), c.command("STAT"));
      assertEquals("+OK 2 messages:", c.command("LIST"));
      assertEquals(List.of("1 " + S1, "2 " + S2), c.readBody());
      assertEquals("+OK 2 " + S2, c.command("LIST 2"));
      assertEquals("+OK", c.command("UIDL"));
      assertEquals(List.of("1 " + uid1, "2 " + uid2), c.readBody());
      assertEquals("+OK 1 " + uid1, c.command("UIDL 1"));

      assertEquals("+OK " + S1 + " octets", c.command("RETR 1"));
      assertEquals("Subject: one\r\n\r\nfirst body\r\n..dot line\r\n.\r\n", text(c.readRawBody()));
      assertEquals("+OK", c.command("TOP 2 1"));
      assertEquals("Subject: two\r\n\r\nsecond\r\n.\r\n", text(c.readRawBody()));
      assertEquals("+OK", c.command("TOP 1 0"));
      assertEquals("Subject: one\r\n\r\n.\r\n", text(c.readRawBody()));

      expect(
          c,
          new String[][] {
            {"NOOP", "+OK"},
            {"LIST 7", "-ERR There's no message 7."},
            {"RETR 0", "-ERR There's no message 0."},
            {"RETR x", "-ERR Invalid message number: x"},
            {"DELE", "-ERR Message number missing."},
            {"RETR 1 x", "-ERR Noise after message number: x"},
            {"UIDL 1 2", "-ERR Noise after message number: 2"},
            {"TOP 1", "-ERR TOP needs a message number and a number of lines."},
            {"TOP 1 1 1", "-ERR Noise after number of lines: 1"},
            {"TOP 1 y", "-ERR Invalid number of lines: y"},
            {"USER alice", "-ERR USER is not allowed after login."},
            {"PASS secret", "-ERR PASS is not allowed after login."},
            {"AUTH PLAIN", "-ERR AUTH is not allowed after login."},
            {"APOP a b", "-ERR APOP is not allowed after login."},
            {"BOGUS", "-ERR Unknown command: BOGUS"},
            {"DELE 1", "+OK Marked to be deleted."},
            {"DELE 1", "-ERR Message is deleted."},
            {"LIST 1", "-ERR Message is deleted."},
            {"UIDL 1", "-ERR Message is deleted."},
            {"RETR 1", "-ERR Message is deleted."},
            {"TOP 1 0", "-ERR Message is deleted."},
            {"STAT", "+OK 1 " + S2},
            {"RSET", "+OK Maildrop has 2 messages (" + (S1 + S2) + " octets)."},
            {"LIST 1", "+OK 1 " + S1},
            {"DELE 2", "+OK Marked to be deleted."},
            {"QUIT", "+OK Logging out, messages deleted."},
          });
      assertTrue(c.closedByServer());
    }
    TestServer.Ended end = server.awaitEnd();
    assertEquals(EndReason.QUIT, end.reason());
    assertEquals(1, server.store.messages("alice").size());
    assertEquals(uid1, server.store.messages("alice").get(0).uniqueId());
  }

  @Test
  void storageFailuresReachTheClientWithTheirResponseCodes() throws Exception {
    FixedMailStore failing =
        new FixedMailStore()
            .add("a", M1)
            .add("b", M2)
            .add("c", M1)
            .failReading(0, new MessageExpungedException(0))
            .failReading(1, new java.io.IOException("EIO"))
            .onUpdate(deleted -> new UpdateResult(deleted, false));
    try (TestServer s = TestServer.over(failing, b -> b);
        RawClient c = RawClient.login(s.port(), "alice", "secret")) {
      assertEquals("-ERR Message 1 expunged.", c.command("RETR 1"));
      assertEquals("-ERR [SYS/TEMP] Message 2 could not be read.", c.command("RETR 2"));
      assertEquals("-ERR [SYS/TEMP] Message 2 could not be read.", c.command("TOP 2 0"));
      assertEquals("+OK " + S1 + " octets", c.command("RETR 3"));
      c.readRawBody();
      c.command("DELE 1");
      c.command("DELE 3");
      assertEquals("-ERR [SYS/PERM] 2 messages could not be deleted.", c.command("QUIT"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void loginFailuresOfThePlugInsReachTheClientWithTheirResponseCodes() throws Exception {
    try (TestServer s =
            TestServer.over(
                (session, account) -> {
                  throw new IllegalStateException("store bug");
                },
                b -> b);
        RawClient c = RawClient.connect(s.port())) {
      c.readLine();
      c.command("USER alice");
      assertEquals("-ERR [SYS/TEMP] Mailbox could not be opened.", c.command("PASS secret"));
    }
    try (TestServer s =
            TestServer.over(
                null,
                b ->
                    b.authenticator(
                        (session, credentials) ->
                            AuthResult.failure(AuthResult.Reason.TEMPORARY, "ldap down")));
        RawClient c = RawClient.connect(s.port())) {
      c.readLine();
      c.command("USER alice");
      assertEquals("-ERR [SYS/TEMP] Temporary authentication failure.", c.command("PASS secret"));
    }
  }

  @Test
  void quitBeforeLoginSaysGoodbyeAndCloses() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals("+OK Logging out.", c.command("quit"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void aSecondSessionOnTheSameMailboxIsInUse() throws Exception {
    try (RawClient first = RawClient.login(server.port(), "alice", "secret");
        RawClient second = RawClient.connect(server.port())) {
      second.readLine();
      second.command("USER alice");
      assertEquals(
          "-ERR [IN-USE] Mailbox is locked by another POP3 session.",
          second.command("PASS secret"));
      first.command("QUIT");
      assertTrue(first.closedByServer());
      server.awaitEnd();
      second.command("USER alice");
      assertEquals("+OK Logged in.", second.command("PASS secret"));
    }
  }

  @Test
  void keywordsAreCaseInsensitiveOnTheWire() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals("+OK", c.command("user alice"));
      assertEquals("+OK Logged in.", c.command("pAsS secret"));
      assertEquals("+OK 2 " + (S1 + S2), c.command("stat"));
    }
  }

  @Test
  void aBareLfEndsACommandToo() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.sendRaw(ascii("USER alice\nPASS secret\n"));
      assertEquals("+OK", c.readLine());
      assertEquals("+OK Logged in.", c.readLine());
    }
  }

  @Test
  void theGreetingCarriesAnApopTimestampWithTheConfiguredHost() throws Exception {
    try (TestServer apop =
            TestServer.start(b -> b.apop(true).apopHost("mx.example").greeting("Hi."));
        RawClient c = RawClient.connect(apop.port())) {
      String greeting = c.readLine();
      assertTrue(greeting.matches("\\+OK Hi\\. <[^<>]+@mx\\.example>"), greeting);
      String timestamp = greeting.substring(greeting.indexOf('<'));
      String digest =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("MD5")
                      .digest((timestamp + "secret").getBytes(StandardCharsets.US_ASCII)));
      assertEquals("+OK Logged in.", c.command("APOP alice " + digest));
    }
  }
}
