package io.mdpop3j.junit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} with the server's and a
 * trusting client's {@link SSLContext}. Made once per JVM, in memory, without {@code keytool}: the
 * key never leaves the JVM, and every extension after the first starts TLS at no extra cost.
 */
final class SelfSignedTls {

  private static final String ALIAS = "pop3-junit";

  /** Longer than any test run; short enough that the certificate is never worth keeping. */
  private static final Duration VALIDITY = Duration.ofDays(30);

  private static SelfSignedTls shared;

  private final X509Certificate certificate;
  private final char[] password;
  private final SSLContext serverContext;
  private final SSLContext clientContext;

  private SelfSignedTls(
      X509Certificate certificate,
      char[] password,
      SSLContext serverContext,
      SSLContext clientContext) {
    this.certificate = certificate;
    this.password = password;
    this.serverContext = serverContext;
    this.clientContext = clientContext;
  }

  /** The JVM's certificate for the extension, made at the first call. */
  static synchronized SelfSignedTls shared() throws GeneralSecurityException {
    if (shared == null) {
      shared = create();
    }
    return shared;
  }

  /** Makes a new key pair and certificate. */
  static SelfSignedTls create() throws GeneralSecurityException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate certificate =
        SelfSignedCertificate.create(
            keys,
            List.of("localhost"),
            List.of(RunningServer.LOOPBACK),
            now.minus(Duration.ofHours(1)), // a client clock a little behind still accepts it
            now.plus(VALIDITY));

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try {
      keyStore.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot make an empty key store", e);
    }
    keyStore.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore(certificate));
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new SelfSignedTls(certificate, password, server, client);
  }

  private static KeyStore trustStore(X509Certificate certificate) throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot make an empty trust store", e);
    }
    trust.setCertificateEntry(ALIAS, certificate);
    return trust;
  }

  /** Writes a PKCS#12 trust store holding only the certificate; returns its path. */
  Path writeTrustStore(Path dir) throws IOException, GeneralSecurityException {
    Path file = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore(certificate).store(out, password);
    }
    return file;
  }

  /** The server's certificate. */
  X509Certificate certificate() {
    return certificate;
  }

  SSLContext serverContext() {
    return serverContext;
  }

  SSLContext clientContext() {
    return clientContext;
  }

  /** The password of the trust store files. */
  String password() {
    return new String(password);
  }
}
