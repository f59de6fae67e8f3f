package io.mdpop3j.bench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.Pop3Extension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailedLoginTimingTest {

  @RegisterExtension
  static Pop3Extension pop3 =
      Pop3Extension.withUser("alice", "secret").withAuthFailureDelay(Duration.ofMillis(300));

  @Test
  void aWrongPasswordIsTimedUntilItsErrArrives() throws Exception {
    double ms = FailedLoginTiming.attempt(pop3.port(), "alice", "127.7.0.1");
    // The server's 300 ms run from when it began the check, a little after the PASS was sent.
    assertTrue(ms >= 250 && ms < 10_000, "took " + ms + " ms");
  }

  @Test
  void theTableHasOneRowPerUserWithEverySample() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] argv = {
      "--target", "ext=" + pop3.port(),
      "--user", "alice=known user",
      "--user", "nobody=unknown user",
      "--samples", "3"
    };
    FailedLoginTiming.run(Arguments.parse(argv, 0), new PrintStream(bytes, true, "UTF-8"));
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(table.matches("(?s).*\\| known user \\| \\d+ ms \\(\\d+–\\d+\\), n=3 \\|.*"), table);
    assertTrue(
        table.matches("(?s).*\\| unknown user \\| \\d+ ms \\(\\d+–\\d+\\), n=3 \\|.*"), table);
    assertTrue(table.contains("| gap between the users' medians |"), table);
  }

  @Test
  void eachAttemptComesFromTheAddressItWasGiven() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getOutputStream()
                      .write(
                          (s.getInetAddress().getHostAddress() + "\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                  // The assertion below fails instead.
                }
              });
      t.start();
      try (PopClient c = PopClient.connect(server.getLocalPort(), "127.7.3.9", 5_000)) {
        assertEquals("127.7.3.9", c.readLine());
      }
      t.join();
    }
  }
}
