package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS sessions keep their thread however long they idle: an SSLSocket reads in blocking mode only
 * and may hold decrypted input no selector can see.
 */
class IdleTlsSessionsTest {

  private static final String CERTS = "/io/mdpop3j/core/security/";
  private static SSLContext serverContext;
  private static SSLContext clientContext;

  @BeforeAll
  static void contexts() throws Exception {
    serverContext =
        TlsContexts.fromPkcs12(
            Path.of(IdleTlsSessionsTest.class.getResource(CERTS + "test-server-rsa.p12").toURI()),
            "changeit-test".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in =
        IdleTlsSessionsTest.class.getResourceAsStream(CERTS + "test-server-rsa.crt")) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
  }

  private static TestServer server(BoundedPool pool) throws Exception {
    return TestServer.start(
        b ->
            b.executor(pool)
                .idleThreadRelease(Duration.ZERO)
                .sslContext(serverContext)
                .bindTls(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  @Test
  void aSessionAfterStlsKeepsItsThreadWhileIdleAndStillAnswers() throws Exception {
    try (BoundedPool pool = new BoundedPool(2);
        TestServer server = server(pool)) {
      try (RawClient plain = RawClient.connect(server.port())) {
        plain.expectOk(plain.readLine());
        plain.expectOk(plain.command("STLS"));
        try (RawClient c = RawClient.over(startTls(plain.socket()))) {
          c.expectOk(c.command("USER alice"));
          c.expectOk(c.command("PASS secret"));

          assertTrue(pool.staysBusy(1, Duration.ofMillis(300)), "kept its thread");
          assertEquals("+OK 0 0", c.command("STAT"));
          assertEquals("+OK Logging out.", c.command("QUIT"));
        }
      }
      assertEquals(EndReason.QUIT, server.awaitEnd().reason());
    }
  }

  @Test
  void anImplicitTlsSessionKeepsItsThreadWhileIdleAndStillAnswers() throws Exception {
    try (BoundedPool pool = new BoundedPool(2);
        TestServer server = server(pool)) {
      SSLSocket tls =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), server.server.tlsPort());
      try (RawClient c = RawClient.over(tls)) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("USER alice"));
        c.expectOk(c.command("PASS secret"));

        assertTrue(pool.staysBusy(1, Duration.ofMillis(300)), "kept its thread");
        assertEquals("+OK 0 0", c.command("STAT"));
        assertEquals("+OK Logging out.", c.command("QUIT"));
      }
      assertEquals(EndReason.QUIT, server.awaitEnd().reason());
    }
  }

  @Test
  void aPlainSessionWaitingToSayStlsMayParkAndThenStartTls() throws Exception {
    try (BoundedPool pool = new BoundedPool(2);
        TestServer server = server(pool)) {
      try (RawClient plain = RawClient.connect(server.port())) {
        plain.expectOk(plain.readLine());
        pool.awaitAllParked();

        plain.expectOk(plain.command("STLS"));
        try (RawClient c = RawClient.over(startTls(plain.socket()))) {
          c.expectOk(c.command("USER alice"));
          c.expectOk(c.command("PASS secret"));
          assertEquals("+OK 0 0", c.command("STAT"));
        }
      }
    }
  }

  private static SSLSocket startTls(Socket plain) throws Exception {
    SSLSocket tls =
        (SSLSocket)
            clientContext
                .getSocketFactory()
                .createSocket(plain, "127.0.0.1", plain.getPort(), true);
    tls.startHandshake();
    return tls;
  }
}
