package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Pop3Extension#withOAuth()}: tokens the extension issues log users in. */
class OAuthTest {

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").andUser("bob", "pw").withOAuth();

  private Properties xoauth2() {
    Properties props = pop3.mailProperties();
    props.put("mail.pop3.auth.mechanisms", "XOAUTH2");
    props.put("mail.pop3.auth.xoauth2.disable", "false");
    return props;
  }

  @Test
  void angusMailLogsInWithXoauth2AndAnIssuedToken() throws Exception {
    pop3.deliver("alice", TestMessages.text("hi", "hello"));

    Store store = Session.getInstance(xoauth2()).getStore("pop3");
    store.connect("alice", pop3.issueToken("alice"));
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    String subject = inbox.getMessage(1).getSubject();
    inbox.close(false);
    store.close();

    assertEquals("hi", subject);
    assertTrue(
        pop3.awaitSessionEnd(Duration.ofSeconds(10)).commands().stream()
            .anyMatch(c -> c.startsWith("AUTH XOAUTH2")));
  }

  private static String xoauth2(String user, String token) {
    return base64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
  }

  private static String oauthbearer(String user, String token) {
    return base64("n,a=" + user + ",\u0001auth=Bearer " + token + "\u0001\u0001");
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** AUTH with an initial response; a refusal's error challenge is answered as RFC 7628 says. */
  private String auth(String mechanism, String initial) throws Exception {
    try (RawClient c = RawClient.connect(pop3.port())) {
      c.readLine();
      String reply = c.command("AUTH " + mechanism + " " + initial);
      // RFC 7628 section 3.2.3: the client answers the error challenge with 0x01.
      return reply.startsWith("+ ") ? c.command(base64("\u0001")) : reply;
    }
  }

  @Test
  void oauthbearerWithAnIssuedTokenLogsIn() throws Exception {
    assertEquals("+OK Logged in.", auth("OAUTHBEARER", oauthbearer("bob", pop3.issueToken("bob"))));
  }

  @Test
  void aTokenIsRefusedForAnotherUser() throws Exception {
    String reply = auth("XOAUTH2", xoauth2("bob", pop3.issueToken("alice")));

    assertTrue(reply.startsWith("-ERR [AUTH]"), reply);
    assertEquals(
        List.of("the bearer token is for 'alice', but the client logged in as 'bob'"),
        pop3.awaitSessionEnd(Duration.ofSeconds(10)).loginFailures());
  }

  @Test
  void anExpiredTokenIsRefusedAndTheTestIsToldWhy() throws Exception {
    String reply = auth("XOAUTH2", xoauth2("alice", pop3.issueToken("alice", Duration.ZERO)));

    assertTrue(reply.startsWith("-ERR [AUTH]"), reply);
    String why = pop3.awaitSessionEnd(Duration.ofSeconds(10)).loginFailures().get(0);
    assertTrue(why.startsWith("the bearer token for 'alice' expired at "), why);
  }

  @Test
  void aTokenWithTimeLeftLogsIn() throws Exception {
    String token = pop3.issueToken("alice", Duration.ofMinutes(5));
    assertEquals("+OK Logged in.", auth("XOAUTH2", xoauth2("alice", token)));
  }

  @Test
  void aRevokedOrMadeUpTokenIsRefused() throws Exception {
    String token = pop3.issueToken("alice");
    assertTrue(pop3.revokeToken(token));
    assertFalse(pop3.revokeToken(token));

    assertTrue(auth("XOAUTH2", xoauth2("alice", token)).startsWith("-ERR [AUTH]"));
    assertTrue(auth("XOAUTH2", xoauth2("alice", "made-up")).startsWith("-ERR [AUTH]"));
  }

  @Test
  void eachCallIssuesANewToken() {
    assertNotEquals(pop3.issueToken("alice"), pop3.issueToken("alice"));
  }

  @Test
  void aTokenForAnUnknownUserIsRefusedAtOnceListingTheKnownOnes() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> pop3.issueToken("carol")).getMessage();
    assertTrue(message.contains("carol") && message.contains("alice"), message);
  }

  @Test
  void passwordMechanismsBeyondPlainWorkToo() throws Exception {
    ExtendedPOP3Client client = new ExtendedPOP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(pop3.host(), pop3.port());
    try {
      assertTrue(client.auth(ExtendedPOP3Client.AUTH_METHOD.CRAM_MD5, "alice", "secret"));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void capaOffersBearerAndScramMechanisms() throws Exception {
    try (RawClient c = RawClient.connect(pop3.port())) {
      c.readLine();
      c.expectOk(c.command("CAPA"));
      String sasl =
          c.readBody().stream().filter(l -> l.startsWith("SASL ")).findFirst().orElseThrow();
      assertTrue(sasl.contains(" SCRAM-SHA-256 "), sasl);
      assertTrue(sasl.contains(" OAUTHBEARER XOAUTH2 "), sasl);
    }
  }

  /** Without withOAuth(): no bearer mechanisms, and issuing a token says what to configure. */
  @Nested
  class WithoutOAuth {
    @RegisterExtension Pop3Extension plain = Pop3Extension.withUser("alice", "secret");

    @Test
    void issuingATokenNamesWithOAuth() {
      String message =
          assertThrows(IllegalStateException.class, () -> plain.issueToken("alice")).getMessage();
      assertTrue(message.contains("withOAuth()"), message);
    }

    @Test
    void capaOffersNoBearerMechanism() throws Exception {
      try (RawClient c = RawClient.connect(plain.port())) {
        c.readLine();
        c.expectOk(c.command("CAPA"));
        String sasl =
            c.readBody().stream().filter(l -> l.startsWith("SASL ")).findFirst().orElseThrow();
        assertFalse(sasl.contains("OAUTHBEARER") || sasl.contains("XOAUTH2"), sasl);
      }
    }
  }
}
