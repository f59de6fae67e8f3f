package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.TlsContexts;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.ScramClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCRAM-SHA-256-PLUS over real TLS (RFC 5802 section 6, RFC 5929 tls-server-end-point): the login
 * is bound to the TLS channel, so it succeeds end to end and fails through a man in the middle that
 * terminates TLS with another certificate, even though he relays every octet faithfully and the
 * client trusts his certificate.
 */
class ScramPlusTest {
  private Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", "Subject: bound\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
    server = Servers.withTls(new MemoryAuthenticator().addUser("alice", "secret"), store).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** RFC 5929 section 4.1: the certificate's hash, SHA-256 for SHA-256 and weaker signatures. */
  private static byte[] endPoint(SSLSocket socket) throws Exception {
    X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
    String hash =
        alg.startsWith("SHA384") ? "SHA-384" : alg.startsWith("SHA512") ? "SHA-512" : "SHA-256";
    return MessageDigest.getInstance(hash).digest(cert.getEncoded());
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] challenge(String status) {
    assertTrue(status.startsWith("+ "), status);
    return Base64.getDecoder().decode(status.substring(2));
  }

  /** Runs SCRAM-SHA-256-PLUS binding to what {@code tls} shows; returns the last reply. */
  private static String scramPlus(RawClient c, SSLSocket tls) throws Exception {
    return scramPlus(c, "tls-server-end-point", endPoint(tls));
  }

  private static String scramPlus(RawClient c, String type, byte[] binding) throws Exception {
    ScramClient client = new ScramClient("SHA-256", "alice", "secret", type, binding, "plusnonce");
    String first = c.command("AUTH SCRAM-SHA-256-PLUS " + b64(client.first()));
    if (!first.startsWith("+ ")) {
      return first;
    }
    byte[] serverFirst = challenge(first);
    String afterProof = c.command(b64(client.last(serverFirst, null)));
    if (!afterProof.startsWith("+ ")) {
      return afterProof;
    }
    assertTrue(client.serverVerified(challenge(afterProof)));
    return c.command("");
  }

  @Test
  void scramPlusIsOfferedOverTlsAndLogsInBoundToTheChannel() throws Exception {
    try (SSLSocket tls = Servers.connectTls(server);
        RawClient c = RawClient.over(tls)) {
      c.readLine();
      c.command("CAPA");
      List<String> capa = c.readBody();
      assertTrue(
          capa.stream().anyMatch(l -> l.startsWith("SASL SCRAM-SHA-256-PLUS SCRAM-SHA-256 ")),
          capa::toString);
      assertEquals("+OK Logged in.", scramPlus(c, tls));
      assertTrue(c.command("STAT").startsWith("+OK 1 "));
    }
  }

  @Test
  void scramPlusAfterStlsIsBoundToTheNewChannel() throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
        RawClient p = RawClient.over(plain)) {
      p.readLine();
      assertEquals("+OK Begin TLS negotiation now.", p.command("STLS"));
      try (SSLSocket tls = Servers.startTls(plain);
          RawClient c = RawClient.over(tls)) {
        assertEquals("+OK Logged in.", scramPlus(c, tls));
      }
    }
  }

  @Test
  void onTls13WithAJdkThatExportsKeyingMaterialTlsExporterBindsToo() throws Exception {
    Method export;
    try {
      export =
          ExtendedSSLSession.class.getMethod(
              "exportKeyingMaterialData", String.class, byte[].class, int.class);
    } catch (NoSuchMethodException e) {
      Assumptions.abort("this JDK cannot export TLS keying material (Java 25 can)");
      return;
    }
    try (SSLSocket tls = Servers.connectTls(server);
        RawClient c = RawClient.over(tls)) {
      c.readLine();
      assertEquals("TLSv1.3", tls.getSession().getProtocol());
      // RFC 9266 section 2: label EXPORTER-Channel-Binding, no context, 32 octets.
      byte[] exporter =
          (byte[]) export.invoke(tls.getSession(), "EXPORTER-Channel-Binding", null, 32);
      assertEquals("+OK Logged in.", scramPlus(c, "tls-exporter", exporter));
    }
  }

  @Test
  void aBindingTypeTheConnectionDoesNotOfferIsRefused() throws Exception {
    try (SSLSocket tls = Servers.connectTls(server);
        RawClient c = RawClient.over(tls)) {
      c.readLine();
      assertEquals("-ERR [AUTH] Authentication failed.", scramPlus(c, "tls-unique", new byte[12]));
    }
  }

  @Test
  void aManInTheMiddleWithAnotherCertificateBreaksTheBinding() throws Exception {
    SSLContext mitmServer =
        TlsContexts.fromPkcs12(
            TestCertificates.resource("test-server-ec.p12"), TestCertificates.PASSWORD);
    SSLContext clientTrustingMitm =
        TestCertificates.trusting(TestCertificates.resource("test-server-ec.crt"));
    try (Relay relay = new Relay(mitmServer, server.tlsPort());
        SSLSocket tls =
            (SSLSocket)
                clientTrustingMitm
                    .getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), relay.port());
        RawClient c = RawClient.over(tls)) {
      tls.startHandshake();
      assertTrue(c.readLine().startsWith("+OK"), "the relay passes the greeting on");
      assertEquals("-ERR [AUTH] Authentication failed.", scramPlus(c, tls));
      // The same relay lets a login that is not bound through: the binding is what failed.
      ScramClient unbound = new ScramClient("SHA-256", "alice", "secret", null, null, "n2");
      byte[] serverFirst = challenge(c.command("AUTH SCRAM-SHA-256 " + b64(unbound.first())));
      String reply = c.command(b64(unbound.last(serverFirst, null)));
      assertFalse(reply.startsWith("-ERR"), reply);
    }
  }

  /** A TLS endpoint with its own certificate that opens TLS to the server and relays octets. */
  private static final class Relay implements AutoCloseable {
    private final SSLServerSocket listener;
    private final Thread thread;

    Relay(SSLContext own, int serverTlsPort) throws IOException {
      listener =
          (SSLServerSocket)
              own.getServerSocketFactory()
                  .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                try (Socket client = listener.accept();
                    SSLSocket upstream =
                        (SSLSocket)
                            TestCertificates.get()
                                .clientContext()
                                .getSocketFactory()
                                .createSocket(InetAddress.getLoopbackAddress(), serverTlsPort)) {
                  Thread back = pump(upstream.getInputStream(), client.getOutputStream());
                  pump(client.getInputStream(), upstream.getOutputStream()).join();
                  back.join();
                } catch (Exception e) {
                  // The test ends the relay by closing its sockets.
                }
              },
              "mitm-relay");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    private static Thread pump(InputStream in, OutputStream out) {
      Thread t =
          new Thread(
              () -> {
                byte[] buffer = new byte[4096];
                try {
                  int n;
                  while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException e) {
                  // One side closed.
                }
              });
      t.setDaemon(true);
      t.start();
      return t;
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
