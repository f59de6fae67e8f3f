package io.mdpop3j.junit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

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

    SSLContext server = SSLContext.getInstance("TLS");
    server.init(new KeyManager[] {new OneKeyManager(keys.getPrivate(), certificate)}, null, null);

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

  /**
   * Hands the server its one key. A key store would do the same, but a PKCS#12 store encrypts the
   * key with a password-based cipher of many thousand rounds, most of a cold JVM's first TLS start.
   */
  private static final class OneKeyManager extends X509ExtendedKeyManager {
    private final PrivateKey key;
    private final X509Certificate[] chain;

    OneKeyManager(PrivateKey key, X509Certificate certificate) {
      this.key = key;
      this.chain = new X509Certificate[] {certificate};
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return keyType.equals("EC") ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return keyType.equals("EC") ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
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
