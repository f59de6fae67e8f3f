package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.junit.Pop3Extension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From GreenMail's POP3CommandTest: the commands on a raw socket. */
class Pop3CommandPortTest {

  /** {@code \0test\0testpass}: authorization id empty, user test, password testpass. */
  private static final String TEST_TESTPASS = base64("\0test\0testpass");

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.create();

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The lines of a multi-line reply as sent, dot-stuffing kept, up to the final ".". */
  private static List<String> linesOnTheWire(RawClient client) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  private RawClient greeted() throws Exception {
    RawClient client = RawClient.connect(pop3.port());
    assertTrue(client.readLine().startsWith("+OK"));
    return client;
  }

  @Test
  void authPlainFailsForAnUnknownUserRefusesBadBase64AndWorksOnceTheUserExists() throws Exception {
    try (RawClient client = greeted()) {
      // Unlike GreenMail, the reply does not say that the user does not exist.
      assertEquals(
          "-ERR [AUTH] Authentication failed.", client.command("AUTH PLAIN " + TEST_TESTPASS));
      pop3.andUser("test", "testpass");
      assertEquals(
          "-ERR Invalid base64 data in initial response.",
          client.command("AUTH PLAIN dGVzdAB0ZXN0AHRlc3RwY"));
      assertEquals("+OK Logged in.", client.command("AUTH PLAIN " + TEST_TESTPASS));
    }
  }

  @Test
  void authPlainTakesTheResponseAfterAnEmptyChallenge() throws Exception {
    pop3.andUser("test", "testpass");
    try (RawClient client = greeted()) {
      assertEquals("+ ", client.command("AUTH PLAIN"));
      assertEquals("+OK Logged in.", client.command(TEST_TESTPASS));
    }
  }

  @Test
  void aCrLfInsideAnAuthPlainUserNameCannotForgeAReply() throws Exception {
    try (RawClient client = greeted()) {
      String forged = base64("\0nouser\r\n+OK injected\0p");
      assertTrue(client.command("AUTH PLAIN " + forged).startsWith("-ERR"));
      // The next line must answer the next command, not be a line the client smuggled in.
      assertEquals("-ERR Unsupported authentication mechanism.", client.command("AUTH FOO"));
    }
  }

  @Test
  void aCrLfInsideAnUnofferedMechanismsResponseCannotForgeAReply() throws Exception {
    try (RawClient client = greeted()) {
      String forged = base64("user=nouser\r\n+OK injected\u0001auth=Bearer t\u0001\u0001");
      assertTrue(client.command("AUTH XOAUTH2 " + forged).startsWith("-ERR"));
      assertEquals("-ERR Unsupported authentication mechanism.", client.command("AUTH FOO"));
    }
  }

  @Test
  void topDotStuffsLinesThatStartWithADot() throws Exception {
    pop3.andUser("test", "pwd");
    pop3.deliver("test", "Subject: s\r\n\r\nfirst\r\n.\r\n.dot\r\nlast\r\n");
    try (RawClient client = RawClient.login(pop3.port(), "test", "pwd")) {
      client.expectOk(client.command("TOP 1 99"));
      List<String> lines = linesOnTheWire(client);
      assertEquals(List.of("Subject: s", "", "first", "..", "..dot", "last"), lines);
    }
  }

  @Test
  void retrDotStuffsDotLinesEndedByABareLf() throws Exception {
    pop3.andUser("test", "pwd");
    pop3.deliver("test", "Subject: s\r\nFrom: from@localhost\r\n\r\nfirst\n.\n.dot\nlast\n");
    try (RawClient client = RawClient.login(pop3.port(), "test", "pwd")) {
      client.expectOk(client.command("RETR 1"));
      List<String> lines = linesOnTheWire(client);
      assertEquals(
          List.of("Subject: s", "From: from@localhost", "", "first", "..", "..dot", "last"), lines);
    }
  }

  @Test
  void anUnknownUserCannotLogInWhileAuthenticationIsOn() throws Exception {
    try (RawClient client = greeted()) {
      client.command("USER blar@blar.com");
      assertEquals("-ERR [AUTH] Authentication failed.", client.command("PASS any"));
    }
  }

  @Nested
  class WithAuthenticationDisabled {

    @RegisterExtension Pop3Extension open = Pop3Extension.create().withoutAuthentication();

    @Test
    void anyUserLogsInWithAnyPassword() throws Exception {
      try (RawClient client = RawClient.connect(open.port())) {
        client.readLine();
        client.expectOk(client.command("USER blar@blar.com"));
        assertEquals("+OK Logged in.", client.command("PASS any"));
      }
    }
  }
}
