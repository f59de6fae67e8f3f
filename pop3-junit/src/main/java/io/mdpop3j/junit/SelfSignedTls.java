package io.mdpop3j.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at start with the
 * JDK's own {@code keytool} (the JDK has no public API to make certificates), with the server's and
 * a trusting client's {@link SSLContext}.
 */
final class SelfSignedTls {

  private static final String ALIAS = "pop3-junit";

  private final KeyStore trust;
  private final char[] password;
  private final SSLContext serverContext;
  private final SSLContext clientContext;

  private SelfSignedTls(
      KeyStore trust, char[] password, SSLContext serverContext, SSLContext clientContext) {
    this.trust = trust;
    this.password = password;
    this.serverContext = serverContext;
    this.clientContext = clientContext;
  }

  /** Makes the key pair and certificate; keytool's file lives only until it is loaded. */
  static SelfSignedTls create() throws IOException, GeneralSecurityException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();
    Path dir = Files.createTempDirectory("pop3-junit-tls");
    Path keyStore = dir.resolve("server.p12");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try {
      runKeytool(keyStore, password);
      try (InputStream in = Files.newInputStream(keyStore)) {
        keys.load(in, password);
      }
    } finally {
      Files.deleteIfExists(keyStore);
      Files.deleteIfExists(dir);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    Certificate certificate = keys.getCertificate(ALIAS);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(ALIAS, certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new SelfSignedTls(trust, password, server, client);
  }

  /** Writes a PKCS#12 trust store holding only the certificate; returns its path. */
  Path writeTrustStore(Path dir) throws IOException, GeneralSecurityException {
    Path file = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, password);
    }
    return file;
  }

  private static void runKeytool(Path keyStore, char[] password) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                // From the environment, so the password is not on a command line others can see.
                "-storepass:env",
                "POP3_JUNIT_STOREPASS",
                "-keypass:env",
                "POP3_JUNIT_STOREPASS"));
    pb.environment().put("POP3_JUNIT_STOREPASS", new String(password));
    pb.redirectErrorStream(true);
    Process process = pb.start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(keytool + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + keytool, e);
    }
    if (process.exitValue() != 0 || !Files.exists(keyStore)) {
      throw new IOException(
          keytool
              + " failed with exit code "
              + process.exitValue()
              + ": "
              + new String(output, StandardCharsets.UTF_8).strip());
    }
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
