package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.server.SessionStats;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.RecordingAuthenticator;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** STLS (RFC 2595 section 4) on the plain port and implicit TLS (RFC 8314) on the second port. */
class StlsAndImplicitTlsTest {

  private final MemoryMailStore store = new MemoryMailStore();
  private final RecordingAuthenticator auth =
      new RecordingAuthenticator(new MemoryAuthenticator().addUser("alice", "s3cret"));
  private final List<EndReason> ends = new CopyOnWriteArrayList<>();
  private Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    store.deliver("alice", "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
    server =
        Servers.withTls(auth, store)
            .loginTimeout(Duration.ofSeconds(2))
            .listener(
                new SessionListener() {
                  @Override
                  public void sessionEnded(Session s, EndReason reason, SessionStats stats) {
                    ends.add(reason);
                  }
                })
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void capaOffersStlsBeforeLoginOnThePlainPort() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.expectOk(c.command("CAPA"));

      assertTrue(c.readBody().contains("STLS"));
    }
  }

  @Test
  void capaLeavesOutStlsAfterLogin() throws Exception {
    try (RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      c.expectOk(c.command("CAPA"));

      assertFalse(c.readBody().contains("STLS"));
      assertEquals("-ERR STLS is not allowed after login.", c.command("STLS"));
    }
  }

  @Test
  void afterStlsCapaLeavesOutStlsAndASecondStlsIsRefused() throws Exception {
    try (RawClient plain = RawClient.connect(server.port())) {
      plain.readLine();
      assertEquals("+OK Begin TLS negotiation now.", plain.command("STLS"));

      try (RawClient tls = RawClient.over(Servers.startTls(plain.socket()))) {
        tls.expectOk(tls.command("CAPA"));
        List<String> capa = tls.readBody();
        assertFalse(capa.contains("STLS"), capa.toString());
        assertTrue(capa.contains("USER"), capa.toString());
        assertEquals("-ERR TLS is already active.", tls.command("STLS"));
        tls.expectOk(tls.command("USER alice"));
        tls.expectOk(tls.command("PASS s3cret"));
      }
    }
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void stateFromBeforeStlsIsForgotten() throws Exception {
    try (RawClient plain = RawClient.connect(server.port())) {
      plain.readLine();
      plain.expectOk(plain.command("USER alice"));
      plain.expectOk(plain.command("STLS"));

      try (RawClient tls = RawClient.over(Servers.startTls(plain.socket()))) {
        assertEquals("-ERR No username given.", tls.command("PASS s3cret"));
      }
    }
    assertTrue(auth.calls().isEmpty());
  }

  @Test
  void commandsPipelinedAfterStlsInTheSameWriteCloseTheConnection() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.sendRaw("STLS\r\nUSER alice\r\nPASS s3cret\r\n".getBytes(StandardCharsets.US_ASCII));

      assertEquals("+OK Begin TLS negotiation now.", c.readLine());
      assertTrue(c.closedByServer(), "no reply to the injected commands, then close");
    }
    assertTrue(Servers.await(Duration.ofSeconds(5), () -> ends.contains(EndReason.STLS_INJECTION)));
    assertTrue(auth.calls().isEmpty(), "the injected PASS never reached the authenticator");
  }

  @Test
  void garbageInsteadOfAHandshakeAfterStlsEndsTheSession() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.expectOk(c.command("STLS"));
      Thread.sleep(100); // a separate write, past the injection guard
      c.sendRaw("USER alice\r\n".getBytes(StandardCharsets.US_ASCII));

      int bytes = 0;
      while (!c.closedByServer()) {
        bytes++; // a TLS alert may come before the close
        assertTrue(bytes < 100, "the server should close the connection");
      }
    }
    assertTrue(Servers.await(Duration.ofSeconds(5), () -> ends.contains(EndReason.TLS_FAILED)));
  }

  @Test
  void implicitTlsPortRunsTheWholeSessionEncrypted() throws Exception {
    try (RawClient c = RawClient.over(Servers.connectTls(server))) {
      assertEquals("+OK mdpop3j ready.", c.readLine());
      c.expectOk(c.command("CAPA"));
      List<String> capa = c.readBody();
      assertFalse(capa.contains("STLS"), capa.toString());
      assertEquals("-ERR TLS is already active.", c.command("STLS"));
      c.expectOk(c.command("USER alice"));
      c.expectOk(c.command("PASS s3cret"));
      c.expectOk(c.command("RETR 1"));
      assertEquals(List.of("Subject: hi", "", "hello"), c.readBody());
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void plaintextClientOnTheTlsPortGetsNoCleartextAndIsDropped() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tlsPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("CAPA\r\nUSER alice\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = readToEnd(s.getInputStream());

      assertFalse(
          new String(answer, StandardCharsets.ISO_8859_1).contains("+OK"),
          "no cleartext greeting on the TLS port");
    }
    assertTrue(Servers.await(Duration.ofSeconds(5), () -> server.activeSessions() == 0));
  }

  @Test
  void silentClientOnTheTlsPortIsDroppedAfterTheLoginTimeout() throws Exception {
    long start = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tlsPort())) {
      s.setSoTimeout(10_000);
      readToEnd(s.getInputStream());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(millis >= 1500 && millis < 7000, "closed after " + millis + " ms (timeout 2 s)");
  }

  @Test
  void handshakeDribbledOneOctetAtATimeIsDroppedAfterTheLoginTimeout() throws Exception {
    // A TLS record header announcing a 512-octet handshake message, then its body, slowly.
    byte[] header = {0x16, 0x03, 0x01, 0x02, 0x00};
    long start = System.nanoTime();
    long millis = 0;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tlsPort())) {
      try {
        for (int i = 0; i < 40 && millis < 12_000; i++) {
          s.getOutputStream().write(i < header.length ? header[i] : 0x01);
          Thread.sleep(300);
          millis = (System.nanoTime() - start) / 1_000_000;
          if (server.activeSessions() == 0) {
            break;
          }
        }
      } catch (java.io.IOException e) {
        // The server has closed the connection.
      }
      assertTrue(
          Servers.await(Duration.ofSeconds(10), () -> server.activeSessions() == 0), "still open");
      millis = (System.nanoTime() - start) / 1_000_000;
    }

    assertTrue(millis < 6000, "a dribbled handshake lasted " + millis + " ms (timeout 2 s)");
  }

  @Test
  void clientThatStopsHalfwayThroughTheStlsHandshakeIsDroppedAfterTheLoginTimeout()
      throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.expectOk(c.command("STLS"));
      long start = System.nanoTime();

      assertTrue(c.closedByServer());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 7000, "closed after " + millis + " ms (timeout 2 s)");
    }
  }

  @Test
  void withoutStlsOfferedNeitherCapaNorTheCommandHasIt() throws Exception {
    try (Pop3Server noStls =
        Servers.plain(auth, store)
            .sslContext(TestCertificates.get().serverContext())
            .stls(false)
            .build()) {
      noStls.start();
      try (RawClient c = RawClient.connect(noStls.port())) {
        c.readLine();
        c.expectOk(c.command("CAPA"));
        assertFalse(c.readBody().contains("STLS"));
        assertEquals("-ERR STLS is not available.", c.command("STLS"));
      }
    }
  }

  @Test
  void withoutTlsConfiguredStlsIsNotOffered() throws Exception {
    try (Pop3Server noTls = Servers.plain(auth, store).build()) {
      noTls.start();
      try (RawClient c = RawClient.connect(noTls.port())) {
        c.readLine();
        c.expectOk(c.command("CAPA"));
        assertFalse(c.readBody().contains("STLS"));
        assertEquals("-ERR STLS is not available.", c.command("STLS"));
      }
    }
  }

  private static byte[] readToEnd(InputStream in) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (java.io.IOException e) {
      // A reset is an end too.
    }
    return out.toByteArray();
  }
}
