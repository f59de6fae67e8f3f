package io.mdpop3j.core.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IPv4 and IPv6 address text, turned into addresses without ever asking DNS ({@link
 * InetAddress#getByName} would look junk up as a host name and wait on the resolver).
 *
 * <p>The rules are those of the PROXY protocol, section 2.1: IPv4 as exactly four decimal numbers
 * 0..255 without heading zeroes (which some parsers read as octal); IPv6 as hexadecimal groups of
 * at most four digits with at most one {@code ::}, 128 bits in all, optionally ending in a dotted
 * IPv4 address as {@code inet_ntop} writes mapped addresses ({@code ::ffff:192.0.2.1}). No zone
 * ids, no brackets.
 */
final class AddressLiteral {

  private AddressLiteral() {}

  /** The 4 octets of IPv4 text, or null when the text is not a strict IPv4 address. */
  static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] octets = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = decimal(parts[i], 255);
      if (value < 0) {
        return null;
      }
      octets[i] = (byte) value;
    }
    return octets;
  }

  /** The 16 octets of IPv6 text, or null when the text is not a strict IPv6 address. */
  static byte[] ipv6(String text) {
    if (text.length() > 45 || text.isEmpty()) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    byte[] octets = new byte[16];
    if (gap < 0) {
      return groups(text, octets, true) == 16 ? octets : null;
    }
    byte[] head = new byte[16];
    byte[] tail = new byte[16];
    String before = text.substring(0, gap);
    String after = text.substring(gap + 2);
    int headLength = before.isEmpty() ? 0 : groups(before, head, false);
    int tailLength = after.isEmpty() ? 0 : groups(after, tail, true);
    // "::" stands for at least one group of zeroes (RFC 4291 section 2.2).
    if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
      return null;
    }
    System.arraycopy(head, 0, octets, 0, headLength);
    System.arraycopy(tail, 0, octets, 16 - tailLength, tailLength);
    return octets;
  }

  /** An address from strict IPv4 or IPv6 text, or null when the text is neither. */
  static InetAddress parse(String text) {
    byte[] octets = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    return octets == null ? null : of(octets);
  }

  /**
   * The address of 4 or 16 octets; an IPv4-mapped IPv6 address becomes the IPv4 address, as the JDK
   * does for sockets.
   */
  static InetAddress of(byte[] octets) {
    try {
      return InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an address has 4 or 16 octets, not " + octets.length, e);
    }
  }

  /**
   * Parses colon-separated groups into {@code into}; the last group may be a dotted IPv4 address
   * when the groups end the address. Returns the octets written, or -1 when the text is not valid.
   */
  private static int groups(String text, byte[] into, boolean endsTheAddress) {
    String[] parts = text.split(":", -1);
    int limit = into.length;
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (endsTheAddress && i == parts.length - 1 && part.indexOf('.') >= 0) {
        byte[] v4 = ipv4(part);
        if (v4 == null || at + 4 > limit) {
          return -1;
        }
        System.arraycopy(v4, 0, into, at, 4);
        at += 4;
        continue;
      }
      int value = hexGroup(part);
      if (value < 0 || at + 2 > limit) {
        return -1;
      }
      into[at++] = (byte) (value >>> 8);
      into[at++] = (byte) value;
    }
    return at;
  }

  private static int hexGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      int digit = Character.digit(part.charAt(i), 16);
      if (digit < 0 || part.charAt(i) > 'f') {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /**
   * A decimal number 0..max written without heading zeroes and with ASCII digits only, or -1.
   * Package-visible because the PROXY v1 ports follow the same rule.
   */
  static int decimal(String text, int max) {
    int length = text.length();
    if (length == 0 || length > Integer.toString(max).length()) {
      return -1;
    }
    if (length > 1 && text.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max ? value : -1;
  }
}
