package io.mdpop3j.core.server;

import io.mdpop3j.core.spi.ChannelBinding;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel bindings a TLS session offers SCRAM-PLUS: {@code tls-server-end-point} (RFC 5929
 * section 4, the hash of the server's certificate) always, and {@code tls-exporter} (RFC 9266) on
 * TLS 1.3 where the JDK exports keying material (Java 25 and later).
 */
final class ChannelBindings {

  private static final Logger log = LoggerFactory.getLogger(ChannelBindings.class);

  /** RFC 9266 section 2: the exporter label; no context; 32 octets. */
  private static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";

  private static final int EXPORTER_LENGTH = 32;

  /** {@code ExtendedSSLSession.exportKeyingMaterialData}, present from Java 25; null before. */
  private static final Method EXPORT = exportMethod();

  private ChannelBindings() {}

  /** The bindings of {@code session}; empty when none can be had. */
  static List<ChannelBinding> of(SSLSession session) {
    List<ChannelBinding> bindings = new ArrayList<>(2);
    byte[] exporter = exporter(session);
    if (exporter != null) {
      bindings.add(new ChannelBinding("tls-exporter", exporter));
    }
    byte[] endPoint = serverEndPoint(session);
    if (endPoint != null) {
      bindings.add(new ChannelBinding("tls-server-end-point", endPoint));
    }
    return List.copyOf(bindings);
  }

  /**
   * RFC 5929 section 4.1: the certificate hashed with its signature's hash, except that MD5 and
   * SHA-1 become SHA-256.
   */
  static byte[] serverEndPoint(SSLSession session) {
    Certificate[] local = session.getLocalCertificates();
    if (local == null || local.length == 0 || !(local[0] instanceof X509Certificate cert)) {
      return null;
    }
    String hash = endPointHash(cert.getSigAlgName());
    if (hash == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance(hash).digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      log.debug("no tls-server-end-point binding: {}", e.toString());
      return null;
    }
  }

  /** The digest for a signature algorithm name such as {@code SHA384withECDSA}; null if unknown. */
  static String endPointHash(String signatureAlgorithm) {
    String name = signatureAlgorithm.toUpperCase(Locale.ROOT);
    if (name.startsWith("SHA512") || name.startsWith("SHA-512")) {
      return "SHA-512";
    }
    if (name.startsWith("SHA384") || name.startsWith("SHA-384")) {
      return "SHA-384";
    }
    if (name.startsWith("SHA256")
        || name.startsWith("SHA-256")
        || name.startsWith("SHA1")
        || name.startsWith("SHA-1")
        || name.startsWith("MD5")
        || name.equals("RSASSA-PSS")) {
      // RSASSA-PSS names its hash in parameters; SHA-256 is what JDK keytool's PSS keys use.
      return "SHA-256";
    }
    // EdDSA and others: RFC 5929 defines no hash for them, so no binding.
    return null;
  }

  private static byte[] exporter(SSLSession session) {
    if (EXPORT == null
        || !"TLSv1.3".equals(session.getProtocol())
        || !(session instanceof ExtendedSSLSession)) {
      return null;
    }
    try {
      return (byte[]) EXPORT.invoke(session, EXPORTER_LABEL, null, EXPORTER_LENGTH);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("no tls-exporter binding: {}", e.toString());
      return null;
    }
  }

  private static Method exportMethod() {
    try {
      return ExtendedSSLSession.class.getMethod(
          "exportKeyingMaterialData", String.class, byte[].class, int.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
