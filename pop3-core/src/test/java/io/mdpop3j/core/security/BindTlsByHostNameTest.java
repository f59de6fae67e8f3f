package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** {@code bindTls(host, port)}, the implicit-TLS twin of {@code bind(host, port)} (RFC 8314). */
class BindTlsByHostNameTest {

  @Test
  void bindTlsByHostAndPortServesImplicitTlsThere() throws Exception {
    Pop3Server server =
        Pop3Server.builder()
            .bind("127.0.0.1", 0)
            .bindTls("127.0.0.1", 0)
            .sslContext(TestCertificates.get().serverContext())
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(new MemoryMailStore())
            .build();
    server.start();
    try (SSLSocket tls = Servers.connectTls(server);
        RawClient client = RawClient.over(tls)) {
      assertEquals("127.0.0.1", tls.getInetAddress().getHostAddress());
      assertTrue(client.readLine().startsWith("+OK"), "greeting over TLS");
      assertEquals("+OK Logging out.", client.command("QUIT"));
    } finally {
      server.close();
    }
  }
}
