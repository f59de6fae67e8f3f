package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Makes the server's {@link SSLContext} from key material on disk: a PKCS#12 keystore, or a PEM
 * certificate chain and a PEM private key (as Dovecot's {@code ssl_cert} and {@code ssl_key}, or
 * the files certbot writes). Plain JDK: RSA and EC keys; no encrypted PEM keys.
 */
public final class TlsContexts {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";
  private static final String RSA_BEGIN = "-----BEGIN RSA PRIVATE KEY-----";
  private static final String RSA_END = "-----END RSA PRIVATE KEY-----";

  private TlsContexts() {}

  /**
   * A context serving the private-key entries of a PKCS#12 keystore whose keys are protected by the
   * store's password (what {@code keytool} and {@code openssl pkcs12 -export} make).
   *
   * @throws IOException when the file cannot be read, is not a keystore, or the password is wrong
   * @throws GeneralSecurityException when the keystore holds no private key or TLS cannot be set up
   */
  public static SSLContext fromPkcs12(Path keystore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    } catch (IOException e) {
      throw new IOException(
          "cannot load the PKCS#12 keystore "
              + keystore
              + " (wrong password, or not a PKCS#12 file?): "
              + e.getMessage(),
          e);
    }
    boolean hasKey = false;
    for (String alias : Collections.list(store.aliases())) {
      hasKey |= store.isKeyEntry(alias);
    }
    if (!hasKey) {
      throw new GeneralSecurityException(
          "the keystore " + keystore + " holds no private key entry, only certificates");
    }
    return fromKeyStore(store, password);
  }

  /**
   * A context from a PEM certificate chain (the server's certificate first, then intermediates) and
   * a PEM private key that is unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or, for RSA, PKCS#1
   * ({@code BEGIN RSA PRIVATE KEY}).
   *
   * @throws IOException when a file cannot be read or holds no PEM block of the expected kind
   * @throws GeneralSecurityException when the key cannot be decoded or does not belong to the first
   *     certificate
   */
  public static SSLContext fromPem(Path certificateChain, Path privateKey)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = readCertificates(certificateChain);
    PrivateKey key = readPrivateKey(privateKey, chain.get(0).getPublicKey().getAlgorithm());
    requireMatch(key, chain.get(0).getPublicKey(), privateKey, certificateChain);
    char[] password = randomPassword();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
    try {
      return fromKeyStore(store, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** A context serving the key entries of {@code store}, whose keys use {@code keyPassword}. */
  public static SSLContext fromKeyStore(KeyStore store, char[] keyPassword)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, keyPassword);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static List<X509Certificate> readCertificates(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : factory.generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "cannot read certificates from " + file + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("no certificate (BEGIN CERTIFICATE) found in " + file);
    }
    return chain;
  }

  private static PrivateKey readPrivateKey(Path file, String algorithm)
      throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] der = block(pem, PKCS8_BEGIN, PKCS8_END, file);
    if (der == null) {
      byte[] pkcs1 = block(pem, RSA_BEGIN, RSA_END, file);
      if (pkcs1 != null) {
        der = Pkcs8.wrapRsa(pkcs1);
        Arrays.fill(pkcs1, (byte) 0);
      }
    }
    if (der == null) {
      throw new IOException(
          "no unencrypted private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) in "
              + file
              + "; convert an encrypted or EC-specific key with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "cannot decode the "
              + algorithm
              + " private key in "
              + file
              + " (the certificate's key is "
              + algorithm
              + "): "
              + e.getMessage(),
          e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Fails unless {@code key} signs what {@code cert} verifies: the pair belongs together. */
  private static void requireMatch(PrivateKey key, PublicKey cert, Path keyFile, Path certFile)
      throws GeneralSecurityException {
    String algorithm;
    switch (cert.getAlgorithm()) {
      case "RSA" -> algorithm = "SHA256withRSA";
      case "EC" -> algorithm = "SHA256withECDSA";
      default -> {
        return;
        // Other key types are checked by the first handshake.
      }
    }
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(cert);
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException(
          "the private key in "
              + keyFile
              + " does not belong to the first certificate in "
              + certFile);
    }
  }

  private static byte[] block(String pem, String begin, String end, Path file) throws IOException {
    int from = pem.indexOf(begin);
    if (from < 0) {
      return null;
    }
    int to = pem.indexOf(end, from);
    if (to < 0) {
      return null;
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed base64 after " + begin + " in " + file, e);
    }
  }

  private static char[] randomPassword() {
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    return password;
  }

  /** The DER wrapping of a PKCS#1 RSA key into PKCS#8 (RFC 5208 section 5). */
  private static final class Pkcs8 {
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };

    /** INTEGER 0: the PrivateKeyInfo version. */
    private static final byte[] VERSION = {0x02, 0x01, 0x00};

    static byte[] wrapRsa(byte[] pkcs1) {
      byte[] octets = tlv(0x04, pkcs1);
      byte[] body = new byte[VERSION.length + RSA_ALGORITHM.length + octets.length];
      System.arraycopy(VERSION, 0, body, 0, VERSION.length);
      System.arraycopy(RSA_ALGORITHM, 0, body, VERSION.length, RSA_ALGORITHM.length);
      System.arraycopy(octets, 0, body, VERSION.length + RSA_ALGORITHM.length, octets.length);
      Arrays.fill(octets, (byte) 0);
      byte[] sequence = tlv(0x30, body);
      Arrays.fill(body, (byte) 0);
      return sequence;
    }

    private static byte[] tlv(int tag, byte[] value) {
      int n = value.length;
      byte[] length;
      if (n < 0x80) {
        length = new byte[] {(byte) n};
      } else if (n < 0x100) {
        length = new byte[] {(byte) 0x81, (byte) n};
      } else if (n < 0x10000) {
        length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      } else {
        length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      }
      byte[] out = new byte[1 + length.length + n];
      out[0] = (byte) tag;
      System.arraycopy(length, 0, out, 1, length.length);
      System.arraycopy(value, 0, out, 1 + length.length, n);
      return out;
    }
  }
}
