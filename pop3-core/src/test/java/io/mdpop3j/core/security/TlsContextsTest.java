package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.TlsContexts;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestPackages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading server key material from PKCS#12 and PEM files, checked by real TLS handshakes. */
class TlsContextsTest {

  @TempDir Path dir;

  @Test
  void pkcs12WithRsaKeyServesAHandshake() throws Exception {
    TestCertificates certs = TestCertificates.get();
    SSLContext server = TlsContexts.fromPkcs12(certs.keystore(), TestCertificates.PASSWORD);

    assertEquals("+OK mdpop3j ready.", greetingOverTls(server, certs.clientContext()));
  }

  @Test
  void pkcs12WithEcKeyServesAHandshake() throws Exception {
    Path p12 = TestCertificates.resource("test-server-ec.p12");
    Path pem = TestCertificates.resource("test-server-ec.crt");

    SSLContext server = TlsContexts.fromPkcs12(p12, TestCertificates.PASSWORD);

    assertEquals("+OK mdpop3j ready.", greetingOverTls(server, TestCertificates.trusting(pem)));
  }

  @Test
  void pkcs12WithWrongPasswordIsRefusedNamingTheFile() throws Exception {
    Path keystore = TestCertificates.get().keystore();

    IOException e =
        assertThrows(
            IOException.class, () -> TlsContexts.fromPkcs12(keystore, "wrong".toCharArray()));

    assertTrue(e.getMessage().contains(keystore.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
  }

  @Test
  void pkcs12HoldingOnlyACertificateIsRefused() throws Exception {
    Path p12 = dir.resolve("trust.p12");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(TestCertificates.get().certificatePem())) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (OutputStream out = Files.newOutputStream(p12)) {
      trust.store(out, "secret1".toCharArray());
    }

    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> TlsContexts.fromPkcs12(p12, "secret1".toCharArray()));

    assertTrue(e.getMessage().contains("no private key"), e.getMessage());
  }

  @Test
  void pemRsaKeyAndCertificateFromOpensslServeAHandshake() throws Exception {
    Path cert = dir.resolve("rsa.crt");
    Path key = dir.resolve("rsa.key");
    selfSigned(
        RSA, key, cert, "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1, DNS:localhost");
    assertTrue(Files.readString(key).contains("BEGIN PRIVATE KEY"), "openssl wrote PKCS#8");

    SSLContext server = TlsContexts.fromPem(cert, key);

    assertEquals("+OK mdpop3j ready.", greetingOverTls(server, TestCertificates.trusting(cert)));
  }

  @Test
  void pemEcKeyAndCertificateFromOpensslServeAHandshake() throws Exception {
    Path cert = dir.resolve("ec.crt");
    Path key = dir.resolve("ec.key");
    selfSigned(EC, key, cert, "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");

    SSLContext server = TlsContexts.fromPem(cert, key);

    assertEquals("+OK mdpop3j ready.", greetingOverTls(server, TestCertificates.trusting(cert)));
  }

  @Test
  void pemRsaKeyInTraditionalPkcs1FormIsAccepted() throws Exception {
    Path cert = dir.resolve("rsa.crt");
    Path key = dir.resolve("rsa.key");
    Path pkcs1 = dir.resolve("rsa1.key");
    selfSigned(RSA, key, cert, "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");
    openssl("rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString());
    assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"), "openssl wrote PKCS#1");

    SSLContext server = TlsContexts.fromPem(cert, pkcs1);

    assertEquals("+OK mdpop3j ready.", greetingOverTls(server, TestCertificates.trusting(cert)));
  }

  @Test
  void pemChainFileSendsTheIntermediateCertificateToClientsThatTrustOnlyTheRoot() throws Exception {
    Path rootKey = dir.resolve("root.key");
    Path root = dir.resolve("root.crt");
    selfSigned(
        RSA,
        rootKey,
        root,
        "/CN=Test Root",
        "-addext",
        "basicConstraints=critical, CA:TRUE",
        "-addext",
        "keyUsage=critical, keyCertSign");
    Path midKey = dir.resolve("mid.key");
    Path mid =
        issue(
            dir.resolve("mid"),
            "/CN=Test Intermediate",
            root,
            rootKey,
            midKey,
            "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n");
    Path leafKey = dir.resolve("leaf.key");
    Path leaf =
        issue(
            dir.resolve("leaf"),
            "/CN=localhost",
            mid,
            midKey,
            leafKey,
            "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    Path chain = dir.resolve("chain.pem");
    Files.writeString(chain, Files.readString(leaf) + Files.readString(mid));
    SSLContext client = TestCertificates.trusting(root);

    assertEquals(
        "+OK mdpop3j ready.", greetingOverTls(TlsContexts.fromPem(chain, leafKey), client));
    assertThrows(
        SSLHandshakeException.class,
        () -> greetingOverTls(TlsContexts.fromPem(leaf, leafKey), client),
        "without the intermediate the client cannot build a path to its root");
  }

  @Test
  void pemKeyOfAnotherCertificateIsRefused() throws Exception {
    Path certA = dir.resolve("a.crt");
    Path keyA = dir.resolve("a.key");
    Path certB = dir.resolve("b.crt");
    Path keyB = dir.resolve("b.key");
    selfSigned(RSA, keyA, certA, "/CN=a");
    selfSigned(RSA, keyB, certB, "/CN=b");

    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> TlsContexts.fromPem(certA, keyB));

    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void pemEcKeyInSec1FormIsRefusedWithTheConversionCommand() throws Exception {
    Path cert = dir.resolve("ec.crt");
    Path key = dir.resolve("ec.key");
    Path sec1 = dir.resolve("ec-sec1.key");
    selfSigned(EC, key, cert, "/CN=localhost");
    openssl("ec", "-in", key.toString(), "-out", sec1.toString());
    assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"), "openssl wrote SEC1");

    IOException e = assertThrows(IOException.class, () -> TlsContexts.fromPem(cert, sec1));

    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
  }

  @Test
  void pemCertificateFileWithoutCertificateIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.crt"), "not a certificate\n");
    Path key = dir.resolve("k.key");
    Files.writeString(key, "");

    Exception e = assertThrows(Exception.class, () -> TlsContexts.fromPem(empty, key));

    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  /** Signs a new key's certificate with {@code caCert}/{@code caKey}; returns the certificate. */
  private Path issue(
      Path base, String subject, Path caCert, Path caKey, Path key, String extensions)
      throws Exception {
    Path csr = Path.of(base + ".csr");
    Path cert = Path.of(base + ".crt");
    Path ext = Files.writeString(Path.of(base + ".ext"), extensions);
    openssl(
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString(),
        "-subj",
        subject);
    openssl(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        caCert.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-extfile",
        ext.toString());
    return cert;
  }

  private static final String[] RSA = {"-newkey", "rsa:2048"};
  private static final String[] EC = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"};

  /** A self-signed certificate and unencrypted PKCS#8 key by openssl, valid 2 days. */
  static void selfSigned(String[] keyArgs, Path key, Path cert, String subject, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("req", "-x509"));
    args.addAll(List.of(keyArgs));
    args.addAll(
        List.of(
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            subject));
    args.addAll(List.of(extra));
    openssl(args.toArray(new String[0]));
  }

  static void openssl(String... args) throws Exception {
    TestPackages.require("openssl");
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    TestCertificates.run(command);
  }

  /** Starts a server with {@code server} on an implicit-TLS port and reads its greeting. */
  static String greetingOverTls(SSLContext server, SSLContext client) throws Exception {
    try (Pop3Server pop3 =
        Pop3Server.builder()
            .bindTls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(server)
            .authenticator(new MemoryAuthenticator())
            .mailStore(new MemoryMailStore())
            .build()) {
      pop3.start();
      SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), pop3.tlsPort());
      try (RawClient c = RawClient.over(socket)) {
        socket.startHandshake();
        return c.readLine();
      }
    }
  }
}
