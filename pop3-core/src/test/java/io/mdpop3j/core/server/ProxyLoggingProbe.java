package io.mdpop3j.core.server;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * Run in a child JVM by {@link ProxyLoggingTest}, with slf4j-simple and a working MDC: one session
 * relayed by a trusted balancer (127.0.0.1) for the client 192.0.2.10, then one connection from the
 * balancer that sends junk instead of a header.
 */
public final class ProxyLoggingProbe {

  private ProxyLoggingProbe() {}

  public static void main(String[] args) throws Exception {
    Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(new MemoryMailStore())
            .authFailureDelay(Duration.ZERO)
            .proxyProtocol("127.0.0.1")
            .listener(
                new SessionListener() {
                  @Override
                  public void commandReceived(Session session, String line) {
                    // On the session's thread: what every log line of this command carries.
                    System.err.println("MDC[" + line + "] remote=" + MDC.get("remote"));
                  }
                })
            .build();
    server.start();
    try (RawClient c = RawClient.connect(server.port())) {
      c.sendRaw(ProxiedSessions.v1("192.0.2.10", 40000));
      c.expectOk(c.readLine());
      c.expectOk(c.command("USER alice"));
      c.expectOk(c.command("PASS secret"));
      c.command("QUIT");
      c.closedByServer();
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.sendRaw("CAPA\r\nQUIT\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
      c.closedByServer();
    }
    server.close();
    System.err.println("PROBE DONE");
  }
}
