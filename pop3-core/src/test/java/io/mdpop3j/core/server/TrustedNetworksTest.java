package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CIDR blocks a PROXY header is taken from. */
class TrustedNetworksTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  /** An IPv6 address object even for a mapped address, as a dual-stack socket may report. */
  private static InetAddress mapped(String ipv4) throws UnknownHostException {
    byte[] octets = new byte[16];
    octets[10] = (byte) 0xFF;
    octets[11] = (byte) 0xFF;
    System.arraycopy(ip(ipv4).getAddress(), 0, octets, 12, 4);
    return Inet6Address.getByAddress(null, octets, -1);
  }

  private static String failure(String text) {
    return assertThrows(IllegalArgumentException.class, () -> TrustedNetworks.parse(text))
        .getMessage();
  }

  @Test
  void anIpv4BlockContainsItsFirstAndLastAddressAndNothingAround() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("10.1.2.0/23");

    assertTrue(networks.contains(ip("10.1.2.0")));
    assertTrue(networks.contains(ip("10.1.3.255")));
    assertFalse(networks.contains(ip("10.1.1.255")));
    assertFalse(networks.contains(ip("10.1.4.0")));
  }

  @Test
  void aBareAddressIsOneHost() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("192.0.2.7");

    assertTrue(networks.contains(ip("192.0.2.7")));
    assertFalse(networks.contains(ip("192.0.2.6")));
    assertFalse(networks.contains(ip("192.0.2.8")));
    assertEquals("192.0.2.7/32", networks.toString());
  }

  @Test
  void slash32AndSlash128AreOneHost() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("192.0.2.7/32,2001:db8::7/128");

    assertTrue(networks.contains(ip("192.0.2.7")));
    assertFalse(networks.contains(ip("192.0.2.70")));
    assertTrue(networks.contains(ip("2001:db8::7")));
    assertFalse(networks.contains(ip("2001:db8::6")));
  }

  @Test
  void slash0ContainsEveryAddressOfItsFamilyOnly() throws Exception {
    TrustedNetworks ipv4 = TrustedNetworks.parse("0.0.0.0/0");
    TrustedNetworks ipv6 = TrustedNetworks.parse("::/0");

    assertTrue(ipv4.contains(ip("255.255.255.255")));
    assertTrue(ipv4.contains(ip("0.0.0.0")));
    assertFalse(ipv4.contains(ip("::1")));
    assertTrue(ipv6.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    assertFalse(ipv6.contains(ip("127.0.0.1")));
  }

  @Test
  void severalBlocksOfBothFamiliesWithSpacesAroundCommas() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse(" 10.0.0.0/8 , ::1/128,192.0.2.7 ");

    assertTrue(networks.contains(ip("10.200.0.1")));
    assertTrue(networks.contains(ip("::1")));
    assertTrue(networks.contains(ip("192.0.2.7")));
    assertFalse(networks.contains(ip("::2")));
    assertFalse(networks.contains(ip("11.0.0.0")));
    assertEquals("10.0.0.0/8,0:0:0:0:0:0:0:1/128,192.0.2.7/32", networks.toString());
  }

  @Test
  void aPrefixThatIsNotAWholeOctetMasksTheRightBits() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("2001:db8:8000::/33");

    assertTrue(networks.contains(ip("2001:db8:ffff::1")));
    assertTrue(networks.contains(ip("2001:db8:8000::")));
    assertFalse(networks.contains(ip("2001:db8:7fff:ffff::1")));
  }

  @Test
  void aMappedClientAddressMatchesTheIpv4Blocks() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("10.0.0.0/8");
    InetAddress client = mapped("10.9.8.7");
    assertInstanceOf(Inet6Address.class, client);

    assertTrue(networks.contains(client));
    assertFalse(networks.contains(mapped("11.9.8.7")));
  }

  @Test
  void aMappedBlockIsTheIpv4Block() throws Exception {
    TrustedNetworks networks = TrustedNetworks.parse("::ffff:10.0.0.0/104,::ffff:192.0.2.7");

    assertEquals("10.0.0.0/8,192.0.2.7/32", networks.toString());
    assertTrue(networks.contains(ip("10.1.1.1")));
    assertTrue(networks.contains(mapped("10.1.1.1")));
    assertTrue(networks.contains(ip("192.0.2.7")));
    assertFalse(networks.contains(ip("192.0.2.8")));
  }

  @Test
  void anIpv6BlockDoesNotContainMappedIpv4Addresses() throws Exception {
    assertFalse(TrustedNetworks.parse("::/0").contains(mapped("10.0.0.1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/x"})
  void anIpv4PrefixLengthOutside0To32IsRefusedNamingTheRange(String entry) {
    String message = failure(entry);

    assertTrue(message.contains("\"" + entry + "\""), message);
    assertTrue(message.contains("IPv4 prefix length is a number from 0 to 32"), message);
  }

  @Test
  void anIpv6PrefixLengthAbove128IsRefused() {
    assertTrue(failure("::1/129").contains("IPv6 prefix length is a number from 0 to 128"));
  }

  @Test
  void setHostBitsAreRefusedSuggestingTheNetworkAndTheHost() {
    assertEquals(
        "the trusted network \"10.1.2.3/8\" has bits set after its first 8; did you mean"
            + " 10.0.0.0/8 (the network) or 10.1.2.3 (the one host)?",
        failure("10.1.2.3/8"));
    assertTrue(failure("2001:db8::1/64").contains("did you mean 2001:db8:0:0:0:0:0:0/64"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "10.0.0",
        "010.0.0.0/8",
        "10.0.0.256",
        "fe80::1%eth0",
        "[::1]/128",
        "1::2::3",
        "10.0.0.0/8/8"
      })
  void anEntryThatIsNotAnAddressIsRefusedNamingIt(String entry) {
    String message = failure("192.0.2.1," + entry);

    assertTrue(message.contains("\"" + entry + "\""), message);
  }

  @Test
  void anEmptyListOrAnEmptyEntryIsRefused() {
    assertTrue(failure("").contains("no trusted networks given"));
    assertTrue(failure("  ").contains("no trusted networks given"));
    assertTrue(failure("10.0.0.0/8,,::1").contains("empty entry"));
    assertTrue(failure("10.0.0.0/8,").contains("empty entry"));
  }
}
