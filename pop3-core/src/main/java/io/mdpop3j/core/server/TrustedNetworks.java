package io.mdpop3j.core.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The networks a PROXY protocol header is taken from: CIDR blocks of IPv4 and IPv6 addresses, such
 * as {@code 10.0.0.0/8,::1/128,192.0.2.7} (a bare address is one host). An IPv4-mapped IPv6 address
 * ({@code ::ffff:192.0.2.7}), in a block or in a query, counts as the IPv4 address it maps, so a
 * dual-stack listener matches the IPv4 blocks.
 */
final class TrustedNetworks {
  /**
   * One block: the network's address octets (host bits zero) and how many leading bits count.
   *
   * @param network 4 or 16 octets
   * @param prefixLength 0 to 32 or 0 to 128
   */
  @SuppressWarnings("ArrayRecordComponent") // private, never compared or handed out
  record Block(byte[] network, int prefixLength) {
    Block {
      network = network.clone();
    }

    @Override
    public byte[] network() {
      return network.clone();
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefixLength / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (network[whole] & 0xFF);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Block block
          && prefixLength == block.prefixLength
          && Arrays.equals(network, block.network);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
      return AddressLiteral.of(network).getHostAddress() + "/" + prefixLength;
    }
  }

  private static final int MAPPED_PREFIX_BITS = 96;

  private final List<Block> blocks;

  private TrustedNetworks(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses blocks separated by commas (spaces around each are ignored).
   *
   * @throws IllegalArgumentException naming the entry that is not an address or a CIDR block, and
   *     what would be right
   */
  static TrustedNetworks parse(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "no trusted networks given; expected CIDR blocks separated by commas, such as"
              + " 10.0.0.0/8,::1/128,192.0.2.7");
    }
    List<Block> blocks = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      blocks.add(block(entry.strip(), text));
    }
    return new TrustedNetworks(blocks);
  }

  /** Whether {@code address} lies in one of the blocks. */
  boolean contains(InetAddress address) {
    byte[] octets = unmapped(address.getAddress());
    for (Block block : blocks) {
      if (block.contains(octets)) {
        return true;
      }
    }
    return false;
  }

  /** The blocks as a comma-separated list, each in its normal form. */
  @Override
  public String toString() {
    return blocks.stream().map(Block::toString).collect(Collectors.joining(","));
  }

  private static Block block(String entry, String whole) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException(
          "the trusted networks \"" + whole + "\" have an empty entry; remove the extra comma");
    }
    int slash = entry.indexOf('/');
    String addressText = slash < 0 ? entry : entry.substring(0, slash);
    boolean ipv6 = addressText.indexOf(':') >= 0;
    byte[] octets = ipv6 ? AddressLiteral.ipv6(addressText) : AddressLiteral.ipv4(addressText);
    if (octets == null) {
      throw new IllegalArgumentException(
          "the trusted network \""
              + entry
              + "\" does not start with an IP address; expected an IPv4 address (four decimal"
              + " numbers 0-255 without heading zeroes) or an IPv6 address, optionally followed by"
              + " /prefix-length, such as 10.0.0.0/8 or 2001:db8::/32");
    }
    int maximum = octets.length * 8;
    int prefix = maximum;
    if (slash >= 0) {
      prefix = AddressLiteral.decimal(entry.substring(slash + 1), maximum);
      if (prefix < 0) {
        throw new IllegalArgumentException(
            "the trusted network \""
                + entry
                + "\" has the prefix length \""
                + entry.substring(slash + 1)
                + "\"; an "
                + (ipv6 ? "IPv6" : "IPv4")
                + " prefix length is a number from 0 to "
                + maximum);
      }
    }
    Block block = new Block(octets, prefix);
    byte[] network = masked(octets, prefix);
    if (!Arrays.equals(network, octets)) {
      throw new IllegalArgumentException(
          "the trusted network \""
              + entry
              + "\" has bits set after its first "
              + prefix
              + "; did you mean "
              + new Block(network, prefix)
              + " (the network) or "
              + AddressLiteral.of(octets).getHostAddress()
              + " (the one host)?");
    }
    if (ipv6 && isMapped(octets) && prefix >= MAPPED_PREFIX_BITS) {
      // ::ffff:10.0.0.0/104 is 10.0.0.0/8, so one rule serves IPv4 and mapped clients.
      return new Block(Arrays.copyOfRange(octets, 12, 16), prefix - MAPPED_PREFIX_BITS);
    }
    return block;
  }

  private static byte[] masked(byte[] octets, int prefix) {
    byte[] network = octets.clone();
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return network;
  }

  private static boolean isMapped(byte[] octets) {
    for (int i = 0; i < 10; i++) {
      if (octets[i] != 0) {
        return false;
      }
    }
    return octets[10] == (byte) 0xFF && octets[11] == (byte) 0xFF;
  }

  private static byte[] unmapped(byte[] octets) {
    return octets.length == 16 && isMapped(octets) ? Arrays.copyOfRange(octets, 12, 16) : octets;
  }
}
