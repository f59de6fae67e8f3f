package io.mdpop3j.core.server;

import static io.mdpop3j.core.server.ProxiedSessions.at;
import static io.mdpop3j.core.server.ProxiedSessions.v1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.security.Servers;
import io.mdpop3j.core.security.TestCertificates;
import io.mdpop3j.core.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The PROXY protocol on a running server: what a trusted balancer's header changes (the client
 * address for every rule, TLS at the balancer) and what it may not (anyone else's header, a missing
 * or broken one).
 */
class ProxyProtocolSessionTest {

  private static final InetSocketAddress LOOPBACK_SOURCE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Test
  void aV1HeaderFromATrustedBalancerMakesTheRelayedClientTheSessionsAddress() throws Exception {
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b)) {
      try (RawClient c = s.loginVia(v1("192.0.2.10", 40000))) {
        c.expectOk(c.command("QUIT"));
      }

      ProxiedSessions.Ended end = s.awaitEnd();
      assertEquals(Optional.of(at("192.0.2.10", 40000)), s.logins.get(0).remote());
      assertEquals(Optional.of(at("192.0.2.1", 110)), s.logins.get(0).local());
      assertEquals(Optional.of(at("192.0.2.10", 40000)), end.remote());
      assertEquals(EndReason.QUIT, end.reason());
    }
  }

  @Test
  void aV2HeaderFromATrustedBalancerMakesTheRelayedClientTheSessionsAddress() throws Exception {
    byte[] header = V2HeaderBytes.proxy("2001:db8::7", 40001, "2001:db8::1", 995).crc32c().bytes();
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b)) {
      try (RawClient c = s.loginVia(header)) {
        c.expectOk(c.command("QUIT"));
      }

      ProxiedSessions.Ended end = s.awaitEnd();
      assertEquals(Optional.of(at("2001:db8::7", 40001)), s.logins.get(0).remote());
      assertEquals(Optional.of(at("2001:db8::1", 995)), s.logins.get(0).local());
      assertFalse(s.logins.get(0).tls(), "no SSL TLV: the client spoke plain TCP to the balancer");
      assertEquals(Optional.of(at("2001:db8::7", 40001)), end.remote());
    }
  }

  @Test
  void aLocalHeaderFromTheBalancersHealthCheckKeepsTheConnectionsOwnAddress() throws Exception {
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b)) {
      try (RawClient c = s.connectVia(V2HeaderBytes.local().bytes())) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("QUIT"));
      }

      ProxiedSessions.Ended end = s.awaitEnd();
      assertEquals(EndReason.QUIT, end.reason());
      assertTrue(end.remote().orElseThrow().getAddress().isLoopbackAddress());
    }
  }

  @Test
  void aHeaderFromAnUntrustedSourceIsAnUnknownCommandAndTheRealAddressStands() throws Exception {
    try (ProxiedSessions s = ProxiedSessions.started(b -> b.proxyProtocol("10.0.0.0/8"))) {
      try (RawClient c = s.connectVia(v1("192.0.2.10", 40000))) {
        c.expectOk(c.readLine());
        assertTrue(c.readLine().startsWith("-ERR"), "the PROXY line is just a bad command");
        c.expectOk(c.command("USER alice"));
        c.expectOk(c.command("PASS secret"));
        c.expectOk(c.command("QUIT"));
      }

      s.awaitEnd();
      InetSocketAddress seen = s.logins.get(0).remote().orElseThrow();
      assertTrue(seen.getAddress().isLoopbackAddress(), "the authenticator saw " + seen);
    }
  }

  @Test
  void aTrustedBalancerThatSendsNoHeaderIsClosedAfterTheTimeoutWithoutAGreeting() throws Exception {
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(b -> b.proxyHeaderTimeout(Duration.ofMillis(400)))) {
      long start = System.nanoTime();
      try (RawClient c = RawClient.connect(s.server.port())) {
        assertNull(c.readLine(), "nothing, not even a greeting, before the close");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(EndReason.PROXY_HEADER_INVALID, s.awaitEnd().reason());
      assertTrue(millis >= 390 && millis < 5_000, "closed after " + millis + " ms");
    }
  }

  @Test
  void aGarbageHeaderIsClosedAtOnceWithoutAReply() throws Exception {
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(b -> b.proxyHeaderTimeout(Duration.ofSeconds(30)))) {
      long start = System.nanoTime();
      try (RawClient c =
          s.connectVia("USER alice\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        assertNull(c.readLine());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(EndReason.PROXY_HEADER_INVALID, s.awaitEnd().reason());
      assertTrue(millis < 5_000, "closed after " + millis + " ms, not at the 30 s timeout");
      assertTrue(s.logins.isEmpty());
    }
  }

  @Test
  void closingTheServerEndsASessionStillWaitingForItsHeader() throws Exception {
    ProxiedSessions s =
        ProxiedSessions.trustingLoopback(
            b ->
                b.proxyHeaderTimeout(Duration.ofSeconds(60)).shutdownGrace(Duration.ofSeconds(30)));
    try (RawClient c = RawClient.connect(s.server.port())) {
      assertTrue(Servers.await(Duration.ofSeconds(5), () -> s.server.activeSessions() == 1));
      long start = System.nanoTime();
      s.close();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(EndReason.SERVER_SHUTDOWN, s.awaitEnd().reason());
      assertTrue(millis < 10_000, "close took " + millis + " ms; it waited out the grace");
      assertNull(c.readLine());
    }
  }

  @Test
  void aV2HeaderBeforeImplicitTlsRelaysTheClientOverTls() throws Exception {
    byte[] header = V2HeaderBytes.proxy("198.51.100.4", 50123, "192.0.2.1", 995).bytes();
    SSLContext keys = TestCertificates.get().serverContext();
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(
            b ->
                b.sslContext(keys)
                    .bindTls(LOOPBACK_SOURCE)
                    .plaintext(PlaintextPolicy.REQUIRE_TLS))) {
      Socket plain = s.connectTlsPort();
      plain.getOutputStream().write(header);
      SSLSocket tls =
          (SSLSocket)
              TestCertificates.get()
                  .clientContext()
                  .getSocketFactory()
                  .createSocket(plain, "127.0.0.1", plain.getPort(), true);
      tls.startHandshake();
      try (RawClient c = RawClient.over(tls)) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("USER alice"));
        c.expectOk(c.command("PASS secret"));
        c.expectOk(c.command("QUIT"));
      }

      ProxiedSessions.Ended end = s.awaitEnd();
      assertEquals(EndReason.QUIT, end.reason());
      assertEquals(Optional.of(at("198.51.100.4", 50123)), s.logins.get(0).remote());
      assertTrue(s.logins.get(0).tls());
    }
  }

  @Test
  void aRelayedClientIsNotLoopbackThoughItsBalancerIs() throws Exception {
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(b -> b.plaintext(PlaintextPolicy.REQUIRE_TLS))) {
      try (RawClient c = s.connectVia(v1("192.0.2.10", 40000))) {
        c.expectOk(c.readLine());

        assertTrue(c.command("USER alice").startsWith("-ERR"));
        c.expectOk(c.command("QUIT"));
      }
      assertTrue(s.logins.isEmpty());
      assertEquals(Optional.of(at("192.0.2.10", 40000)), s.awaitEnd().remote());
    }
  }

  @Test
  void tlsTheTrustedBalancerTerminatedAllowsUserAndPassUnderRequireTls() throws Exception {
    byte[] header =
        V2HeaderBytes.proxy("192.0.2.10", 40000, "192.0.2.1", 995)
            .ssl(0x01, 0, "TLSv1.3", "TLS_AES_256_GCM_SHA384")
            .bytes();
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(b -> b.plaintext(PlaintextPolicy.REQUIRE_TLS))) {
      try (RawClient c = s.loginVia(header)) {
        c.expectOk(c.command("QUIT"));
      }

      s.awaitEnd();
      assertTrue(s.logins.get(0).tls(), "the authenticator sees a TLS session");
    }
  }

  @Test
  void tlsTheTrustedBalancerTerminatedAllowsPlaintextLoginsAndHidesStlsUnderAuto()
      throws Exception {
    byte[] terminated =
        V2HeaderBytes.proxy("192.0.2.10", 40000, "192.0.2.1", 995).ssl(0x01, 0, null, null).bytes();
    byte[] plainClient = V2HeaderBytes.proxy("192.0.2.11", 40000, "192.0.2.1", 110).bytes();
    SSLContext keys = TestCertificates.get().serverContext();
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b.sslContext(keys))) {
      try (RawClient c = s.connectVia(terminated)) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("CAPA"));
        assertFalse(c.readBody().contains("STLS"), "no STLS inside TLS");
        c.expectOk(c.command("USER alice"));
        c.expectOk(c.command("PASS secret"));
      }
      try (RawClient c = s.connectVia(plainClient)) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("CAPA"));
        assertTrue(c.readBody().contains("STLS"));
        assertTrue(c.command("USER alice").startsWith("-ERR"), "plain, and not loopback");
      }
    }
  }

  @Test
  void theSessionLimitPerAddressCountsRelayedClientsNotTheirBalancer() throws Exception {
    try (ProxiedSessions s = ProxiedSessions.trustingLoopback(b -> b.maxSessionsPerAddress(1))) {
      RawClient first = s.connectVia(v1("192.0.2.10", 40000));
      first.expectOk(first.readLine());

      try (RawClient other = s.connectVia(v1("192.0.2.20", 40000))) {
        other.expectOk(other.readLine());
        try (RawClient again = s.connectVia(v1("192.0.2.10", 40001))) {
          String refusal = again.readLine();
          assertTrue(refusal.startsWith("-ERR [SYS/TEMP]"), refusal);
          assertNull(again.readLine());
        }
        ProxiedSessions.Ended refused = s.awaitEnd();
        assertEquals(EndReason.SESSION_LIMIT, refused.reason());
        assertEquals(Optional.of(at("192.0.2.10", 40001)), refused.remote());
      }

      first.close();
      s.awaitEnd();
      s.awaitEnd();
      assertTrue(Servers.await(Duration.ofSeconds(5), () -> s.server.activeSessions() == 0));
      try (RawClient later = s.connectVia(v1("192.0.2.10", 40002))) {
        later.expectOk(later.readLine());
      }
    }
  }

  @Test
  void theLoginPenaltyFollowsTheRelayedClientNotTheBalancer() throws Exception {
    try (ProxiedSessions s =
        ProxiedSessions.trustingLoopback(b -> b.loginPenalty(true).maxFailedLogins(10))) {
      try (RawClient guesser = s.connectVia(v1("192.0.2.66", 40000))) {
        guesser.expectOk(guesser.readLine());
        for (int i = 0; i < 6; i++) {
          guesser.command("USER alice");
          assertTrue(guesser.command("PASS wrong").startsWith("-ERR"));
        }
      }

      // Another client through the same balancer is not slowed (keyed by the balancer, it would
      // wait about 1 s for the slot the guesser earned).
      try (RawClient neighbour = s.connectVia(v1("192.0.2.77", 40000))) {
        neighbour.expectOk(neighbour.readLine());
        neighbour.command("USER alice");
        long start = System.nanoTime();
        neighbour.expectOk(neighbour.command("PASS secret"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 400, "the neighbour waited " + millis + " ms");
      }

      // The guesser is, from another port of its address (its next slot is 1 s after the last).
      try (RawClient back = s.connectVia(v1("192.0.2.66", 40001))) {
        back.expectOk(back.readLine());
        back.command("USER alice");
        long start = System.nanoTime();
        back.expectOk(back.command("PASS secret"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 300, "the guesser waited only " + millis + " ms");
      }
    }
  }

  @Test
  void proxyProtocolRefusesABadNetworkNamingTheEntry() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pop3Server.builder().proxyProtocol("10.0.0.0/8, 10.0.0.300/24"));

    assertTrue(e.getMessage().contains("10.0.0.300/24"), e.getMessage());
  }

  @Test
  void proxyHeaderTimeoutMustBePositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Pop3Server.builder().proxyHeaderTimeout(Duration.ZERO));
  }
}
