package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * inetd mode on pipes with TLS configured: USER/PASS without TLS is allowed only when an address
 * variable the launcher reads names a loopback address. Unknown, unparsable and remote addresses
 * all mean "not loopback" (RFC 2595 section 2.1 / RFC 8314 policy: no cleartext over a network).
 */
@RequiresPackages({"openssl"})
class CleartextPolicyOnPipesIT {

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

  @ParameterizedTest(name = "{0}={1} {2}={3}: cleartext login allowed: {4}")
  @CsvSource({
    "-, -, -, -, false",
    "TCPREMOTEIP, fe80::1%eth0, -, -, false",
    "TCPREMOTEIP, 192.0.2.7, TCPREMOTEPORT, 4711, false",
    "TCPREMOTEIP, not-an-address, -, -, false",
    "TCPREMOTEIP, 999.0.0.1, -, -, false",
    "REMOTE_HOST, client.example.org, -, -, false",
    "REMOTE_HOST, 2001:db8::5, REMOTE_PORT, 995, false",
    "SOCAT_PEERADDR, 192.0.2.9, SOCAT_PEERPORT, 5555, false",
    "SOCAT_PEERADDR, localhost, -, -, false",
    "TCPREMOTEHOST, localhost, -, -, false",
    "TCPREMOTEIP, 127.0.0.1, TCPREMOTEPORT, 4711, true",
    "TCPREMOTEIP, ::1, -, -, true",
    "REMOTE_HOST, 127.0.0.1, REMOTE_PORT, 995, true",
    "SOCAT_PEERADDR, 127.0.0.1, SOCAT_PEERPORT, 5555, true",
  })
  void cleartextLoginOnPipesNeedsAKnownLoopbackAddress(
      String var1, String value1, String var2, String value2, boolean allowed) throws Exception {
    SessionFixture f = new SessionFixture(dir);
    Map<String, String> env = new HashMap<>();
    if (!"-".equals(var1)) {
      env.put(var1, value1);
    }
    if (!"-".equals(var2)) {
      env.put(var2, value2);
    }

    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            env,
            dir,
            f.login() + "QUIT\r\n",
            f.args("--tls-cert", cert.toString(), "--tls-key", key.toString()));

    String out = r.out();
    if (allowed) {
      assertTrue(out.contains("+OK Logged in."), out);
    } else {
      assertTrue(out.contains("-ERR [AUTH] Cleartext authentication disallowed"), out);
      assertTrue(!out.contains("Logged in"), out);
    }
  }
}
