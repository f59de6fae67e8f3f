package io.mdpop3j.core.server;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.security.Servers;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A server behind a pretend balancer on 127.0.0.1 for the PROXY protocol tests: it records which
 * client address its authenticator saw, and how each session ended and with which address.
 */
final class ProxiedSessions implements AutoCloseable {

  /** What the authenticator was shown for one login. */
  record Login(
      Optional<InetSocketAddress> remote, Optional<InetSocketAddress> local, boolean tls) {}

  /** One ended session as the listener was told of it. */
  record Ended(Optional<InetSocketAddress> remote, EndReason reason) {}

  final List<Login> logins = new CopyOnWriteArrayList<>();
  final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
  final Pop3Server server;

  private ProxiedSessions(UnaryOperator<Pop3ServerBuilder> customize) throws IOException {
    MemoryAuthenticator real = new MemoryAuthenticator().addUser("alice", "secret");
    Authenticator recording =
        new Authenticator() {
          @Override
          public AuthResult authenticate(Session session, Credentials credentials) {
            logins.add(
                new Login(session.remoteAddress(), session.localAddress(), session.isSecure()));
            return real.authenticate(session, credentials);
          }
        };
    SessionListener listener =
        new SessionListener() {
          @Override
          public void sessionEnded(Session session, EndReason reason, SessionStats stats) {
            ended.add(new Ended(session.remoteAddress(), reason));
          }
        };
    server =
        customize.apply(Servers.plain(recording, new MemoryMailStore()).listener(listener)).build();
    server.start();
  }

  /** A started server that trusts 127.0.0.1 as its balancer, adjusted by {@code customize}. */
  static ProxiedSessions trustingLoopback(UnaryOperator<Pop3ServerBuilder> customize)
      throws IOException {
    return new ProxiedSessions(b -> customize.apply(b.proxyProtocol("127.0.0.1")));
  }

  /** A started server built as {@code customize} says (which sets the trusted networks). */
  static ProxiedSessions started(UnaryOperator<Pop3ServerBuilder> customize) throws IOException {
    return new ProxiedSessions(customize);
  }

  /** A PROXY v1 line relaying a TCP4 client {@code ip}:{@code port} to 192.0.2.1:110. */
  static byte[] v1(String ip, int port) {
    return ("PROXY TCP4 " + ip + " 192.0.2.1 " + port + " 110\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Connects as the balancer and sends {@code header} before anything else. */
  RawClient connectVia(byte[] header) throws IOException {
    return RawClient.connect(server.port()).sendRaw(header);
  }

  /** Connects as the balancer, sends {@code header}, and logs in as alice. */
  RawClient loginVia(byte[] header) throws IOException {
    RawClient c = connectVia(header);
    c.expectOk(c.readLine());
    c.expectOk(c.command("USER alice"));
    c.expectOk(c.command("PASS secret"));
    return c;
  }

  /** A plain socket to the implicit-TLS port, nothing sent yet. */
  Socket connectTlsPort() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), server.tlsPort());
  }

  /** Waits up to 10 s for the next session to end. */
  Ended awaitEnd() throws InterruptedException {
    Ended e = ended.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no session ended within 10 s");
    }
    return e;
  }

  static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(ip, port);
  }

  @Override
  public void close() {
    server.close();
  }
}
