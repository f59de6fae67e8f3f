package io.mdpop3j.core.security;

import io.mdpop3j.core.server.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The committed test-only, self-signed server certificate for 127.0.0.1 and localhost (see
 * README.txt beside it), and the contexts a server and a client trusting it need.
 */
public final class TestCertificates {

  public static final char[] PASSWORD = "changeit-test".toCharArray();

  private static TestCertificates instance;

  private final Path keystore;
  private final Path certificatePem;
  private final SSLContext serverContext;
  private final SSLContext clientContext;

  private TestCertificates() throws Exception {
    keystore = resource("test-server-rsa.p12");
    certificatePem = resource("test-server-rsa.crt");
    serverContext = TlsContexts.fromPkcs12(keystore, PASSWORD);
    clientContext = trusting(certificatePem);
  }

  /** A file committed under src/test/resources next to this class. */
  public static Path resource(String name) throws Exception {
    return Path.of(TestCertificates.class.getResource(name).toURI());
  }

  public static synchronized TestCertificates get() throws Exception {
    if (instance == null) {
      instance = new TestCertificates();
    }
    return instance;
  }

  public Path keystore() {
    return keystore;
  }

  /** The server certificate in PEM, for clients such as curl's {@code --cacert}. */
  public Path certificatePem() {
    return certificatePem;
  }

  public SSLContext serverContext() {
    return serverContext;
  }

  /** A client context that trusts the test certificate and nothing else. */
  public SSLContext clientContext() {
    return clientContext;
  }

  /** A trust manager that trusts the test certificate and nothing else. */
  public X509TrustManager trustManager() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificatePem)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  /** A client context that trusts only the certificates in {@code pem}. */
  public static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** Runs {@code command}, failing with its output unless it exits 0 within 60 s. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          command.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
