package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.junit.Pop3Extension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The published artifacts work for a consumer: the JUnit extension and the embedded server. */
class ConsumerTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("bob", "pass word");

  @Test
  void extensionServesDeliveredMail() throws Exception {
    String message = "Subject: one\r\n\r\nbody\r\n";
    pop3.deliver("bob", message);
    assertEquals("+OK 1 " + message.length(), stat(pop3.port(), "bob", "pass word"));
  }

  @Test
  void builderServerFromMainServesItsMessage() throws Exception {
    try (Pop3Server server = EmbeddedServer.start()) {
      assertEquals("+OK 1 " + EmbeddedServer.MESSAGE.length(), stat(server.port(), "alice", "secret"));
    }
  }

  /** Logs in with USER/PASS and returns the STAT reply. */
  private static String stat(int port, String user, String password) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
      in.readLine();
      out.write("USER " + user + "\r\nPASS " + password + "\r\nSTAT\r\nQUIT\r\n");
      out.flush();
      in.readLine();
      in.readLine();
      return in.readLine().replaceFirst("^(\\+OK \\d+ \\d+).*", "$1");
    }
  }
}
