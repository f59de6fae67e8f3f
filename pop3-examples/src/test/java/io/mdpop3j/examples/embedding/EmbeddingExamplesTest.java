package io.mdpop3j.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;

/** The embedding examples work as their Javadoc says, with commons-net as the client. */
class EmbeddingExamplesTest {

  private static String read(Reader r) throws Exception {
    StringBuilder s = new StringBuilder();
    char[] buf = new char[4096];
    for (int n; (n = r.read(buf)) > 0; ) {
      s.append(buf, 0, n);
    }
    return s.toString();
  }

  @Test
  void inMemoryServerServesItsMessageToAlice() throws Exception {
    try (Pop3Server server = InMemoryServer.start()) {
      POP3Client client = new POP3Client();
      client.connect("127.0.0.1", server.port());
      assertTrue(client.login("alice", "secret"));
      POP3MessageInfo[] list = client.listMessages();
      assertEquals(1, list.length);
      assertTrue(read(client.retrieveMessage(1)).contains("This message lives in memory."));
      client.logout();
      client.disconnect();
    }
  }

  @Test
  void customAuthenticatorAcceptsTheTokenAndRefusesAnythingElse() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("bob", "Subject: t\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
    Pop3Server server = CustomAuthenticatorServer.build(Map.of("bob", "tok-123"), store);
    server.start();
    try {
      POP3Client client = new POP3Client();
      client.connect("127.0.0.1", server.port());
      assertFalse(client.login("bob", "tok-124"));
      client.disconnect();
      client.connect("127.0.0.1", server.port());
      assertTrue(client.login("bob", "tok-123"));
      assertEquals(1, client.listMessages().length);
      client.logout();
      client.disconnect();
    } finally {
      server.close();
    }
  }
}
