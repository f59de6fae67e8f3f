package io.mdpop3j.core.security;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.MailStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;

/** Server presets and small socket helpers shared by the security tests. */
public final class Servers {

  public static final InetSocketAddress LOOPBACK_ANY_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private Servers() {}

  /**
   * A server on a loopback port with no failure delay and no login penalty (these tests fail logins
   * from 127.0.0.1 on purpose; LoginPenaltyTest covers it), ready for more settings.
   */
  public static Pop3ServerBuilder plain(Authenticator authenticator, MailStore store) {
    return Pop3Server.builder()
        .bind(LOOPBACK_ANY_PORT)
        .authenticator(authenticator)
        .mailStore(store)
        .authFailureDelay(Duration.ZERO)
        .loginPenalty(false);
  }

  /** As {@link #plain}, with the test certificate (STLS offered) and an implicit-TLS port. */
  public static Pop3ServerBuilder withTls(Authenticator authenticator, MailStore store)
      throws Exception {
    return plain(authenticator, store)
        .sslContext(TestCertificates.get().serverContext())
        .bindTls(LOOPBACK_ANY_PORT);
  }

  /** Runs the client side of TLS over {@code plain} (after STLS), trusting the test certificate. */
  public static SSLSocket startTls(Socket plain) throws Exception {
    SSLSocket tls =
        (SSLSocket)
            TestCertificates.get()
                .clientContext()
                .getSocketFactory()
                .createSocket(plain, "127.0.0.1", plain.getPort(), true);
    tls.startHandshake();
    return tls;
  }

  /** A TLS connection to the implicit-TLS port of {@code server}, handshake done. */
  public static SSLSocket connectTls(Pop3Server server) throws Exception {
    SSLSocket tls =
        (SSLSocket)
            TestCertificates.get()
                .clientContext()
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.tlsPort());
    tls.startHandshake();
    return tls;
  }

  /** Waits until {@code condition} holds; false if it still does not after {@code timeout}. */
  public static boolean await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
