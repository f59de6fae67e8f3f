package io.mdpop3j.core.server;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Builds PROXY v2 headers octet by octet, as section 2.2 lays them out, for tests. */
final class V2HeaderBytes {

  private int versionAndCommand = 0x21;
  private int family;
  private final ByteArrayOutputStream addresses = new ByteArrayOutputStream();
  private final ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
  private int checksumAt = -1;
  private Integer declaredLength;

  static V2HeaderBytes proxy(
      String source, int sourcePort, String destination, int destinationPort) {
    V2HeaderBytes header = new V2HeaderBytes();
    byte[] from = octets(source);
    byte[] to = octets(destination);
    header.family = from.length == 4 ? 0x11 : 0x21;
    header.addresses.writeBytes(from);
    header.addresses.writeBytes(to);
    header.addresses.writeBytes(new byte[] {(byte) (sourcePort >> 8), (byte) sourcePort});
    header.addresses.writeBytes(new byte[] {(byte) (destinationPort >> 8), (byte) destinationPort});
    return header;
  }

  static V2HeaderBytes local() {
    V2HeaderBytes header = new V2HeaderBytes();
    header.versionAndCommand = 0x20;
    header.family = 0x00;
    return header;
  }

  V2HeaderBytes versionAndCommand(int octet) {
    versionAndCommand = octet;
    return this;
  }

  V2HeaderBytes family(int octet) {
    family = octet;
    return this;
  }

  V2HeaderBytes addressBlock(byte[] octets) {
    addresses.reset();
    addresses.writeBytes(octets);
    return this;
  }

  /** Declares a length other than the true one. */
  V2HeaderBytes declaredLength(int length) {
    declaredLength = length;
    return this;
  }

  V2HeaderBytes tlv(int type, byte[] value) {
    tlvs.write(type);
    tlvs.write(value.length >> 8);
    tlvs.write(value.length);
    tlvs.writeBytes(value);
    return this;
  }

  V2HeaderBytes rawTlvBytes(byte[] octets) {
    tlvs.writeBytes(octets);
    return this;
  }

  /** PP2_TYPE_SSL with the given client flags and verify result, and version and cipher subs. */
  V2HeaderBytes ssl(int client, int verify, String version, String cipher) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    value.write(client);
    value.writeBytes(
        new byte[] {
          (byte) (verify >> 24), (byte) (verify >> 16), (byte) (verify >> 8), (byte) verify
        });
    if (version != null) {
      writeTlv(value, 0x21, version.getBytes(StandardCharsets.US_ASCII));
    }
    if (cipher != null) {
      writeTlv(value, 0x23, cipher.getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x20, value.toByteArray());
  }

  /** A PP2_TYPE_CRC32C whose value is filled in by {@link #bytes()}. */
  V2HeaderBytes crc32c() {
    checksumAt = addresses.size() + tlvs.size() + 3;
    return tlv(0x03, new byte[4]);
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ProxyHeaderReader.V2_SIGNATURE);
    out.write(versionAndCommand);
    out.write(family);
    int length = declaredLength != null ? declaredLength : addresses.size() + tlvs.size();
    out.write(length >> 8);
    out.write(length);
    out.writeBytes(addresses.toByteArray());
    out.writeBytes(tlvs.toByteArray());
    byte[] header = out.toByteArray();
    if (checksumAt >= 0) {
      CRC32C crc = new CRC32C();
      crc.update(header);
      long sum = crc.getValue();
      int at = 16 + checksumAt;
      header[at] = (byte) (sum >> 24);
      header[at + 1] = (byte) (sum >> 16);
      header[at + 2] = (byte) (sum >> 8);
      header[at + 3] = (byte) sum;
    }
    return header;
  }

  private static void writeTlv(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type);
    out.write(value.length >> 8);
    out.write(value.length);
    out.writeBytes(value);
  }

  private static byte[] octets(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
