package io.mdpop3j.junit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a self-signed X.509 v3 certificate (RFC 5280) for an EC key, signed with ECDSA and
 * SHA-256, in DER. The JDK signs and parses certificates but has no public API to make one, and
 * running {@code keytool} costs a process start and a JDK; this writes only the few fields a TLS
 * server certificate needs.
 */
final class SelfSignedCertificate {

  private static final int SEQUENCE = 0x30;
  private static final int SET = 0x31;
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int OCTET_STRING = 0x04;
  private static final int OID = 0x06;
  private static final int UTF8_STRING = 0x0c;
  private static final int UTC_TIME = 0x17;
  private static final int GENERALIZED_TIME = 0x18;
  private static final int BOOLEAN = 0x01;

  /** ecdsa-with-SHA256, RFC 5758 section 3.2. */
  private static final byte[] ECDSA_WITH_SHA256 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 4, 3, 2
  };

  private static final byte[] COMMON_NAME = {0x55, 4, 3};
  private static final byte[] SUBJECT_ALT_NAME = {0x55, 29, 17};
  private static final byte[] BASIC_CONSTRAINTS = {0x55, 29, 19};
  private static final byte[] EXTENDED_KEY_USAGE = {0x55, 29, 37};
  private static final byte[] SERVER_AUTH = {0x2b, 6, 1, 5, 5, 7, 3, 1};

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private SelfSignedCertificate() {}

  /**
   * A certificate for {@code keys}, naming the first DNS name as its subject, valid from {@code
   * notBefore} to {@code notAfter}, for every DNS name and IP address given (subjectAltName).
   */
  static X509Certificate create(
      KeyPair keys,
      List<String> dnsNames,
      List<InetAddress> addresses,
      Instant notBefore,
      Instant notAfter)
      throws GeneralSecurityException {
    byte[] name = name(dnsNames.get(0));
    byte[] algorithm = der(SEQUENCE, der(OID, ECDSA_WITH_SHA256));
    byte[] serial = new BigInteger(1, randomBytes(16)).toByteArray();
    byte[] tbs =
        der(
            SEQUENCE,
            der(0xa0, der(INTEGER, new byte[] {2})), // [0] version: v3
            der(INTEGER, serial),
            algorithm,
            name,
            der(SEQUENCE, time(notBefore), time(notAfter)),
            name,
            keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
            der(0xa3, der(SEQUENCE, extensions(dnsNames, addresses))));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] certificate = der(SEQUENCE, tbs, algorithm, bitString(signature));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] extensions(List<String> dnsNames, List<InetAddress> addresses) {
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    for (String dns : dnsNames) {
      names.writeBytes(der(0x82, dns.getBytes(StandardCharsets.US_ASCII))); // [2] dNSName
    }
    for (InetAddress address : addresses) {
      names.writeBytes(der(0x87, address.getAddress())); // [7] iPAddress
    }
    return concat(
        extension(SUBJECT_ALT_NAME, false, der(SEQUENCE, names.toByteArray())),
        extension(BASIC_CONSTRAINTS, true, der(SEQUENCE)), // not a CA
        extension(EXTENDED_KEY_USAGE, false, der(SEQUENCE, der(OID, SERVER_AUTH))));
  }

  private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
    return critical
        ? der(
            SEQUENCE,
            der(OID, oid),
            der(BOOLEAN, new byte[] {(byte) 0xff}),
            der(OCTET_STRING, value))
        : der(SEQUENCE, der(OID, oid), der(OCTET_STRING, value));
  }

  private static byte[] name(String commonName) {
    byte[] cn =
        der(
            SEQUENCE,
            der(OID, COMMON_NAME),
            der(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)));
    return der(SEQUENCE, der(SET, cn));
  }

  /** UTCTime through 2049, GeneralizedTime after, as RFC 5280 section 4.1.2.5 requires. */
  private static byte[] time(Instant instant) {
    boolean utc = instant.atZone(ZoneOffset.UTC).getYear() < 2050;
    String text = (utc ? UTC : GENERALIZED).format(instant);
    return der(utc ? UTC_TIME : GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bitString(byte[] bits) {
    byte[] content = new byte[bits.length + 1]; // leading 0: no unused bits
    System.arraycopy(bits, 0, content, 1, bits.length);
    return der(BIT_STRING, content);
  }

  /** One DER element: tag, definite length (X.690 section 8.1.3), content. */
  private static byte[] der(int tag, byte[]... parts) {
    byte[] content = concat(parts);
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    // A positive, non-zero serial number of at most 20 octets (RFC 5280 section 4.1.2.2).
    bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
    return bytes;
  }
}
