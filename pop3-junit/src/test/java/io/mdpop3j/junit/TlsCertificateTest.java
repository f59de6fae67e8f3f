package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The certificate {@code withTls()} uses: made in memory without keytool, once per JVM, and what a
 * client checking host names (RFC 6125) accepts for localhost and 127.0.0.1.
 */
class TlsCertificateTest {
  private static X509Certificate certificateOf(Pop3Extension pop3) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pop3.trustStore())) {
      trust.load(in, pop3.trustStorePassword().toCharArray());
    }
    Certificate c = trust.getCertificate(trust.aliases().nextElement());
    return (X509Certificate) c;
  }

  private static X509Certificate certificateOfAFreshExtension() throws Exception {
    Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withTls();
    pop3.beforeEach(null);
    try {
      return certificateOf(pop3);
    } finally {
      pop3.afterEach(null);
    }
  }

  @Test
  void everyExtensionInAJvmUsesTheSameCertificate() throws Exception {
    X509Certificate first = certificateOfAFreshExtension();
    X509Certificate second = certificateOfAFreshExtension();

    assertEquals(first, second);
  }

  @Test
  void theCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
    X509Certificate c = certificateOfAFreshExtension();

    Set<List<?>> names = Set.copyOf(c.getSubjectAlternativeNames());
    assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), names);
    assertEquals("CN=localhost", c.getSubjectX500Principal().getName());
    assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage(), "serverAuth");
    assertEquals(-1, c.getBasicConstraints(), "not a CA");
  }

  @Test
  @SuppressWarnings("JavaUtilDate") // X509Certificate.checkValidity takes a Date
  void theCertificateIsAValidSelfSignedEcP256CertificateForNow() throws Exception {
    X509Certificate c = certificateOfAFreshExtension();

    c.checkValidity(new Date());
    c.verify(c.getPublicKey());
    assertEquals(3, c.getVersion());
    assertEquals("SHA256withECDSA", c.getSigAlgName());
    assertEquals(256, ((ECPublicKey) c.getPublicKey()).getParams().getOrder().bitLength());
    assertTrue(c.getSerialNumber().signum() > 0);
    Set<String> critical = c.getCriticalExtensionOIDs().stream().collect(Collectors.toSet());
    assertEquals(Set.of("2.5.29.19"), critical);
  }
}
