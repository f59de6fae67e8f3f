package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.OpensslClient;
import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's TLS policy, seen by OpenSSL's client: what daemon mode offers and refuses. */
@RequiresPackages({"openssl"})
class DaemonTlsPolicyIT {

  @TempDir static Path certificates;
  static Path key;
  static Path cert;

  @TempDir Path dir;

  @BeforeAll
  static void makeCertificate() throws Exception {
    key = certificates.resolve("key.pem");
    cert = certificates.resolve("cert.pem");
    Mdpop3dProcess.selfSignedCertificate(certificates, key, cert);
  }

  private RunningDaemon daemon(int port, String... more) throws Exception {
    SessionFixture f = new SessionFixture(dir);
    String[] tls = {
      "--listen-tls",
      "127.0.0.1:" + port,
      "--tls-cert",
      cert.toString(),
      "--tls-key",
      key.toString()
    };
    String[] all = new String[tls.length + more.length];
    System.arraycopy(tls, 0, all, 0, tls.length);
    System.arraycopy(more, 0, all, tls.length, more.length);
    return RunningDaemon.start(Mdpop3dProcess.command(f.args(all)), Map.of(), dir, port);
  }

  @Test
  void clientInitiatedRenegotiationIsRefusedWithAnAlert() throws Exception {
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d = daemon(port)) {
      OpensslClient.Run run = OpensslClient.run(port, List.of("-tls1_2"), "CAPA", "R", "CAPA");

      assertTrue(run.connected(), run.output());
      assertTrue(run.output().contains("alert handshake failure"), run.output());
      assertEquals(1, count(run.output(), "Capability list follows"), run.output());
      assertTrue(d.alive());
    }
  }

  @Test
  void tlsProtocolsOptionLimitsTheVersionsOffered() throws Exception {
    int port = Mdpop3dProcess.freePort();
    try (RunningDaemon d = daemon(port, "--tls-protocols=TLSv1.3")) {
      assertFalse(OpensslClient.run(port, List.of("-tls1_2"), "QUIT").connected());
      assertTrue(OpensslClient.run(port, List.of("-tls1_3"), "QUIT").connected());
    }
  }

  @Test
  void tlsCiphersOptionNamingAnUnknownSuiteIsAUsageError() throws Exception {
    SessionFixture f = new SessionFixture(dir);
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            Map.of(),
            dir,
            "",
            f.args(
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                key.toString(),
                "--tls-ciphers=TLS_AES_128_GCM_SHA256,NO_SUCH_SUITE"));

    assertEquals(2, r.exit(), r.stderr());
    assertTrue(r.stderr().contains("'NO_SUCH_SUITE'"), r.stderr());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
