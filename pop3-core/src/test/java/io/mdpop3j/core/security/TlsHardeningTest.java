package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.OpensslClient;
import io.mdpop3j.core.testing.RequiresPackages;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS a server offers by default, checked with OpenSSL's own client: TLS 1.2 and 1.3 only,
 * forward-secret suites only (RFC 9325 section 4.1), and no client-initiated renegotiation.
 */
@RequiresPackages({"openssl"})
class TlsHardeningTest {

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
  private Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    server = Servers.withTls(auth, new MemoryMailStore()).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anEcdheSuiteOverTls12IsAccepted() throws Exception {
    OpensslClient.Run run =
        OpensslClient.run(
            server.tlsPort(), List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"), "CAPA");

    assertTrue(run.connected(), run.output());
    assertTrue(run.output().contains("+OK mdpop3j ready."), run.output());
  }

  @Test
  void tls11IsRefused() throws Exception {
    // SECLEVEL=0 lets this client offer TLS 1.1 at all; the refusal must be the server's.
    OpensslClient.Run run =
        OpensslClient.run(
            server.tlsPort(), List.of("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"), "CAPA");

    assertFalse(run.connected(), run.output());
    assertFalse(run.output().contains("+OK"), run.output());
  }

  @Test
  void aStaticRsaSuiteWithoutForwardSecrecyIsRefused() throws Exception {
    OpensslClient.Run run =
        OpensslClient.run(server.tlsPort(), List.of("-tls1_2", "-cipher", "AES128-SHA"), "CAPA");

    assertFalse(run.connected(), run.output());
    assertFalse(run.output().contains("+OK"), run.output());
  }

  @Test
  void aClientThatRenegotiatesIsDisconnectedBeforeItsNextCommand() throws Exception {
    OpensslClient.Run run =
        OpensslClient.run(server.tlsPort(), List.of("-tls1_2"), "NOOP", "R", "CAPA");

    assertTrue(run.connected(), run.output());
    assertTrue(run.output().contains("RENEGOTIATING"), run.output());
    assertFalse(run.output().contains("Capability list follows"), run.output());
  }

  @Test
  void theBuilderRefusesAProtocolTheJdkDoesNotKnowAndNamesTheKnownOnes() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Servers.withTls(auth, new MemoryMailStore()).tlsProtocols("TLSv9").build());

    assertTrue(e.getMessage().contains("'TLSv9'"), e.getMessage());
    assertTrue(e.getMessage().contains("TLSv1.3"), e.getMessage());
  }

  @Test
  void theBuilderRefusesACipherSuiteTheJdkDoesNotKnow() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Servers.withTls(auth, new MemoryMailStore()).tlsCipherSuites("NO_SUCH").build());

    assertTrue(e.getMessage().contains("tlsCipherSuites: 'NO_SUCH'"), e.getMessage());
  }
}
