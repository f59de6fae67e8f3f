package io.mdpop3j.core.server;

import io.mdpop3j.core.server.ProxyHeader.Reason;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The text form of the PROXY protocol (version 1, section 2.1): {@code PROXY TCP4|TCP6 source
 * destination source-port destination-port}, or {@code PROXY UNKNOWN} followed by anything.
 */
final class ProxyV1Parser {

  private ProxyV1Parser() {}

  /**
   * Parses one v1 line, without its CRLF.
   *
   * @throws ProxyHeaderException naming the field that does not match section 2.1
   */
  static ProxyHeader parse(String line) throws ProxyHeaderException {
    if (!line.startsWith("PROXY ")) {
      throw invalid(line, "it does not start with \"PROXY \"");
    }
    String rest = line.substring("PROXY ".length());
    // Section 2.1: for UNKNOWN "the receiver must ignore anything presented before the CRLF".
    if (rest.equals("UNKNOWN") || rest.startsWith("UNKNOWN ")) {
      return new ProxyHeader.Unaddressed(Reason.UNKNOWN, Optional.empty());
    }
    String[] fields = rest.split(" ", -1);
    boolean ipv4 = fields[0].equals("TCP4");
    if (!ipv4 && !fields[0].equals("TCP6")) {
      throw invalid(
          line,
          "the protocol is \"" + fields[0] + "\", but only TCP4, TCP6 or UNKNOWN are defined");
    }
    if (fields.length != 5) {
      throw invalid(
          line,
          "it has "
              + (fields.length - 1)
              + " fields after "
              + fields[0]
              + "; expected 4 (source address, destination address, source port, destination"
              + " port), each after exactly one space");
    }
    return new ProxyHeader.Relayed(
        new InetSocketAddress(
            address(line, fields[1], ipv4, "source"), port(line, fields[3], "source")),
        new InetSocketAddress(
            address(line, fields[2], ipv4, "destination"), port(line, fields[4], "destination")),
        Optional.empty());
  }

  private static java.net.InetAddress address(String line, String text, boolean ipv4, String which)
      throws ProxyHeaderException {
    byte[] octets = ipv4 ? AddressLiteral.ipv4(text) : AddressLiteral.ipv6(text);
    if (octets == null) {
      throw invalid(
          line,
          "the "
              + which
              + " address \""
              + text
              + "\" is not "
              + (ipv4
                  ? "an IPv4 address as TCP4 requires (four decimal numbers 0-255 without heading"
                      + " zeroes)"
                  : "an IPv6 address as TCP6 requires (hexadecimal groups, at most one \"::\")"));
    }
    return AddressLiteral.of(octets);
  }

  private static int port(String line, String text, String which) throws ProxyHeaderException {
    int port = AddressLiteral.decimal(text, 65535);
    if (port < 0) {
      throw invalid(
          line,
          "the "
              + which
              + " port \""
              + text
              + "\" is not a decimal number 0-65535 without heading zeroes");
    }
    return port;
  }

  private static ProxyHeaderException invalid(String line, String why) {
    return new ProxyHeaderException("invalid PROXY v1 line \"" + line + "\": " + why);
  }
}
