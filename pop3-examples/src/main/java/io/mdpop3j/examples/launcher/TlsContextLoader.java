package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Makes the server's {@link SSLContext} from PEM files or a PKCS#12 key store. */
final class TlsContextLoader {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private TlsContextLoader() {}

  /** From a PEM certificate chain (server first) and a PEM private key. */
  static SSLContext fromPem(Path certFile, Path keyFile) throws UsageException {
    try {
      List<Certificate> chain = new ArrayList<>();
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      try (InputStream in = Files.newInputStream(certFile)) {
        chain.addAll(x509.generateCertificates(in));
      }
      if (chain.isEmpty()) {
        throw new UsageException("option --tls-cert: no certificate in " + certFile);
      }
      PrivateKey key = privateKey(keyFile);
      char[] none = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, none);
      store.setKeyEntry("server", key, none, chain.toArray(new Certificate[0]));
      return context(store, none);
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException("cannot load TLS certificate/key: " + e.getMessage());
    }
  }

  /** From a PKCS#12 file holding one key entry. */
  static SSLContext fromPkcs12(Path file, char[] password) throws UsageException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return context(store, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException(
          "option --tls-keystore: cannot load " + file + ": " + e.getMessage());
    }
  }

  private static SSLContext context(KeyStore store, char[] password)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static PrivateKey privateKey(Path keyFile)
      throws IOException, GeneralSecurityException, UsageException {
    String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (type.equals("PRIVATE KEY")) {
        return pkcs8(der);
      }
      if (type.equals("RSA PRIVATE KEY")) {
        return pkcs8(wrapRsaPkcs1(der));
      }
      if (type.equals("ENCRYPTED PRIVATE KEY")) {
        throw new UsageException(
            "option --tls-key: "
                + keyFile
                + " is encrypted; use an unencrypted key or --tls-keystore");
      }
    }
    throw new UsageException(
        "option --tls-key: no PKCS#8 or RSA private key in "
            + keyFile
            + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208 section 5). */
  private static byte[] wrapRsaPkcs1(byte[] pkcs1) {
    byte[] algorithm = {
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
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
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
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }
}
