package io.mdpop3j.core.server;

import io.mdpop3j.core.server.ProxyHeader.BalancerTls;
import io.mdpop3j.core.server.ProxyHeader.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The binary form of the PROXY protocol (version 2, section 2.2): a 16-octet fixed part, the
 * addresses, then type-length-value records, of which this reads the checksum (PP2_TYPE_CRC32C,
 * section 2.2.3) and the client's TLS session (PP2_TYPE_SSL, section 2.2.6) and skips the rest.
 */
final class ProxyV2Parser {

  static final int COMMAND_LOCAL = 0x0;
  static final int COMMAND_PROXY = 0x1;
  static final int TCP_OVER_IPV4 = 0x11;
  static final int TCP_OVER_IPV6 = 0x21;
  static final int PP2_TYPE_CRC32C = 0x03;
  static final int PP2_TYPE_SSL = 0x20;
  static final int PP2_SUBTYPE_SSL_VERSION = 0x21;
  static final int PP2_SUBTYPE_SSL_CIPHER = 0x23;
  static final int PP2_CLIENT_SSL = 0x01;
  static final int PP2_CLIENT_CERT_CONN = 0x02;
  static final int PP2_CLIENT_CERT_SESS = 0x04;

  private static final int TLV_HEADER = 3;
  private static final int SSL_FIXED = 5;

  private ProxyV2Parser() {}

  /**
   * Refuses a 13th octet other than version 2 with command LOCAL or PROXY (section 2.2: "receivers
   * must drop connections presenting unexpected values here").
   */
  static void checkVersionAndCommand(byte versionAndCommand) throws ProxyHeaderException {
    int version = (versionAndCommand & 0xF0) >>> 4;
    int command = versionAndCommand & 0x0F;
    if (version != 2) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 header has version %d (13th octet 0x%02X); only version 2 is defined",
              version,
              versionAndCommand & 0xFF));
    }
    if (command != COMMAND_LOCAL && command != COMMAND_PROXY) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 header has command %d (13th octet 0x%02X); only 0 (LOCAL) and 1"
                  + " (PROXY) are defined",
              command,
              versionAndCommand & 0xFF));
    }
  }

  /**
   * Parses a whole v2 header: the 16-octet fixed part followed by exactly the number of octets it
   * declares.
   *
   * @throws ProxyHeaderException naming what does not match section 2.2
   */
  static ProxyHeader parse(byte[] header) throws ProxyHeaderException {
    checkVersionAndCommand(header[12]);
    boolean local = (header[12] & 0x0F) == COMMAND_LOCAL;
    int family = header[13] & 0xFF;
    int declared = header.length - ProxyHeaderReader.V2_FIXED_LENGTH;
    if (declared != (((header[14] & 0xFF) << 8) | (header[15] & 0xFF))) {
      throw new IllegalArgumentException("the header array is not as long as it declares");
    }
    int addressLength = addressLength(family);
    int tlvStart;
    if (local) {
      // Section 2.2: for LOCAL the receiver "must use the real connection endpoints and discard
      // the protocol block including the family"; TLVs are read where the family puts them.
      tlvStart =
          addressLength >= 0 && declared >= addressLength ? 16 + addressLength : 16 + declared;
    } else if (addressLength < 0) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 header has family and transport 0x%02X (14th octet); defined are 0x00"
                  + " (UNSPEC), 0x11/0x12 (TCP/UDP over IPv4), 0x21/0x22 (over IPv6) and 0x31/0x32"
                  + " (UNIX)",
              family));
    } else if (declared < addressLength) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 header declares %d octets after its fixed part, but the addresses of"
                  + " family 0x%02X take %d",
              declared,
              family,
              addressLength));
    } else {
      tlvStart = 16 + addressLength;
    }
    Optional<BalancerTls> tls = readTlvs(header, tlvStart);
    if (local) {
      return new ProxyHeader.Unaddressed(Reason.LOCAL, tls);
    }
    return switch (family) {
      case TCP_OVER_IPV4 -> relayed(header, 4, tls);
      case TCP_OVER_IPV6 -> relayed(header, 16, tls);
      // Section 2.2: a receiver that does not use a valid family "automatically falls back to the
      // UNSPEC mode", keeping the connection's own addresses.
      default -> new ProxyHeader.Unaddressed(Reason.UNKNOWN, tls);
    };
  }

  /** The octets the addresses of a family/transport octet take, or -1 if it is undefined. */
  private static int addressLength(int family) {
    return switch (family) {
      case 0x00 -> 0;
      case 0x11, 0x12 -> 12;
      case 0x21, 0x22 -> 36;
      case 0x31, 0x32 -> 216;
      default -> -1;
    };
  }

  private static ProxyHeader relayed(byte[] header, int size, Optional<BalancerTls> tls) {
    int at = 16;
    InetAddress source = AddressLiteral.of(Arrays.copyOfRange(header, at, at + size));
    InetAddress destination =
        AddressLiteral.of(Arrays.copyOfRange(header, at + size, at + 2 * size));
    int sourcePort = unsigned16(header, at + 2 * size);
    int destinationPort = unsigned16(header, at + 2 * size + 2);
    return new ProxyHeader.Relayed(
        new InetSocketAddress(source, sourcePort),
        new InetSocketAddress(destination, destinationPort),
        tls);
  }

  private static Optional<BalancerTls> readTlvs(byte[] header, int start)
      throws ProxyHeaderException {
    Optional<BalancerTls> tls = Optional.empty();
    boolean sawSsl = false;
    int checksumAt = -1;
    int at = start;
    while (at < header.length) {
      int value = tlvValue(header, at, header.length, "TLV");
      int type = header[at] & 0xFF;
      int length = unsigned16(header, at + 1);
      if (type == PP2_TYPE_CRC32C) {
        if (length != 4) {
          throw new ProxyHeaderException(
              "the PROXY v2 PP2_TYPE_CRC32C TLV at offset "
                  + at
                  + " has "
                  + length
                  + " octets; it must have 4");
        }
        if (checksumAt >= 0) {
          throw new ProxyHeaderException("the PROXY v2 header has two PP2_TYPE_CRC32C TLVs");
        }
        checksumAt = value;
      } else if (type == PP2_TYPE_SSL) {
        if (sawSsl) {
          throw new ProxyHeaderException("the PROXY v2 header has two PP2_TYPE_SSL TLVs");
        }
        sawSsl = true;
        tls = ssl(header, at, value, length);
      }
      at = value + length;
    }
    if (checksumAt >= 0) {
      checkCrc32c(header, checksumAt);
    }
    return tls;
  }

  /**
   * Checks that a TLV starting at {@code at} fits before {@code end}, and returns where its value
   * starts.
   */
  private static int tlvValue(byte[] header, int at, int end, String what)
      throws ProxyHeaderException {
    if (end - at < TLV_HEADER) {
      throw new ProxyHeaderException(
          "the PROXY v2 header ends inside a "
              + what
              + " at offset "
              + at
              + ": "
              + (end - at)
              + " octets are left, but a "
              + what
              + " takes at least 3 (type and length)");
    }
    int length = unsigned16(header, at + 1);
    if (length > end - at - TLV_HEADER) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 %s of type 0x%02X at offset %d declares %d octets, but only %d are"
                  + " left %s",
              what,
              header[at] & 0xFF,
              at,
              length,
              end - at - TLV_HEADER,
              what.equals("TLV") ? "in the header" : "in its PP2_TYPE_SSL TLV"));
    }
    return at + TLV_HEADER;
  }

  /** Section 2.2.6: client flags, verify result, then sub-TLVs. */
  private static Optional<BalancerTls> ssl(byte[] header, int at, int value, int length)
      throws ProxyHeaderException {
    if (length < SSL_FIXED) {
      throw new ProxyHeaderException(
          "the PROXY v2 PP2_TYPE_SSL TLV at offset "
              + at
              + " has "
              + length
              + " octets; it needs at least 5 (client flags and verify result)");
    }
    int client = header[value] & 0xFF;
    boolean verified = unsigned16(header, value + 1) == 0 && unsigned16(header, value + 3) == 0;
    Optional<String> protocol = Optional.empty();
    Optional<String> cipher = Optional.empty();
    int end = value + length;
    int sub = value + SSL_FIXED;
    while (sub < end) {
      int subValue = tlvValue(header, sub, end, "sub-TLV");
      int subLength = unsigned16(header, sub + 1);
      switch (header[sub] & 0xFF) {
        case PP2_SUBTYPE_SSL_VERSION ->
            protocol = Optional.of(printable(header, subValue, subLength));
        case PP2_SUBTYPE_SSL_CIPHER -> cipher = Optional.of(printable(header, subValue, subLength));
        default -> {}
      }
      sub = subValue + subLength;
    }
    if ((client & PP2_CLIENT_SSL) == 0) {
      return Optional.empty();
    }
    boolean certificate = (client & (PP2_CLIENT_CERT_CONN | PP2_CLIENT_CERT_SESS)) != 0;
    return Optional.of(new BalancerTls(protocol, cipher, certificate && verified));
  }

  /** Section 2.2.3: the checksum of the whole header with the checksum's own octets as zeroes. */
  private static void checkCrc32c(byte[] header, int checksumAt) throws ProxyHeaderException {
    long sent = ((long) unsigned16(header, checksumAt) << 16) | unsigned16(header, checksumAt + 2);
    byte[] zeroed = header.clone();
    Arrays.fill(zeroed, checksumAt, checksumAt + 4, (byte) 0);
    CRC32C crc = new CRC32C();
    crc.update(zeroed);
    if (crc.getValue() != sent) {
      throw new ProxyHeaderException(
          String.format(
              Locale.ROOT,
              "the PROXY v2 header's PP2_TYPE_CRC32C says 0x%08X, but its octets sum to 0x%08X:"
                  + " the header was altered on the way",
              sent,
              crc.getValue()));
    }
  }

  private static int unsigned16(byte[] octets, int at) {
    return ((octets[at] & 0xFF) << 8) | (octets[at + 1] & 0xFF);
  }

  /** TLS names are US-ASCII (section 2.2.6); anything else is shown as '?' so logs stay clean. */
  private static String printable(byte[] octets, int at, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      int b = octets[at + i] & 0xFF;
      chars[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
    }
    return new String(chars);
  }
}
