package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.security.Servers;
import io.mdpop3j.core.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SASL lines may be longer than commands (OAuth tokens run to kilobytes), and one that is too long
 * fails that login rather than the session; any other over-long line still ends the session.
 */
class SaslLineLengthTest {

  private Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    server =
        Servers.plain(new MemoryAuthenticator().addUser("alice", "secret"), new MemoryMailStore())
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anInitialResponseLongerThanACommandIsReadAndChecked() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      String response = b64("\0alice\0" + "x".repeat(6000));
      assertTrue(response.length() > LineReader.MAX_LINE_LENGTH);
      assertEquals("-ERR [AUTH] Authentication failed.", c.command("AUTH PLAIN " + response));
      assertEquals("+OK Logged in.", c.command("AUTH PLAIN " + b64("\0alice\0secret")));
    }
  }

  @Test
  void aResponseOverTheSaslLimitFailsTheLoginAndTheSessionGoesOn() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertTrue(c.command("AUTH LOGIN").startsWith("+ "));
      String huge = "A".repeat(LineReader.MAX_SASL_LINE_LENGTH + 5000);
      assertEquals("-ERR [AUTH] Authentication failed.", c.command(huge));
      assertEquals("+OK", c.command("USER alice"));
      assertEquals("+OK Logged in.", c.command("PASS secret"));
    }
  }

  @Test
  void anOverlongAuthCommandFailsTheLoginToo() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      String huge = "AUTH PLAIN " + "A".repeat(LineReader.MAX_SASL_LINE_LENGTH + 10);
      assertEquals("-ERR [AUTH] Authentication failed.", c.command(huge));
      assertEquals("+OK", c.command("USER alice"));
    }
  }

  @Test
  void anyOtherOverlongLineStillEndsTheSession() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals(
          "-ERR Input line too long.", c.command("NOOP " + "x".repeat(LineReader.MAX_LINE_LENGTH)));
      assertTrue(c.closedByServer());
    }
  }
}
