package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.ProxyHeader.Reason;
import io.mdpop3j.core.server.ProxyHeader.Relayed;
import io.mdpop3j.core.server.ProxyHeader.Unaddressed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text header of the PROXY protocol, section 2.1. */
class ProxyV1HeaderTest {

  static ProxyHeader read(String header) throws IOException {
    return ProxyHeader.read(
        new ByteArrayInputStream(header.getBytes(StandardCharsets.ISO_8859_1)),
        Duration.ofSeconds(5));
  }

  static String failure(String header) {
    return assertThrows(ProxyHeaderException.class, () -> read(header)).getMessage();
  }

  @Test
  void aTcp4LineGivesTheClientAndTheListenerAddresses() throws IOException {
    Relayed relayed =
        assertInstanceOf(Relayed.class, read("PROXY TCP4 192.0.2.1 198.51.100.11 56324 110\r\n"));

    assertEquals(new InetSocketAddress("192.0.2.1", 56324), relayed.source());
    assertEquals(new InetSocketAddress("198.51.100.11", 110), relayed.destination());
    assertFalse(relayed.tlsTerminatedAtBalancer());
  }

  @Test
  void aTcp6LineGivesIpv6Addresses() throws IOException {
    Relayed relayed =
        assertInstanceOf(
            Relayed.class, read("PROXY TCP6 2001:db8::1 2001:DB8:0:0:0:0:0:2 65535 0\r\n"));

    assertEquals(new InetSocketAddress("2001:db8::1", 65535), relayed.source());
    assertEquals(new InetSocketAddress("2001:db8::2", 0), relayed.destination());
  }

  @Test
  void aTcp6LineWithAMappedAddressGivesTheIpv4AddressAsTheJdkWould() throws IOException {
    Relayed relayed =
        assertInstanceOf(Relayed.class, read("PROXY TCP6 ::ffff:192.0.2.1 ::1 40000 110\r\n"));

    assertEquals(new InetSocketAddress("192.0.2.1", 40000), relayed.source());
  }

  @Test
  void theLongestLineOfSection21IsAccepted() throws IOException {
    String longest =
        "PROXY UNKNOWN ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
            + " ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
    assertEquals(107, longest.length());

    assertEquals(new Unaddressed(Reason.UNKNOWN, java.util.Optional.empty()), read(longest));
  }

  @Test
  void unknownKeepsTheConnectionsOwnAddressesAndIgnoresTheRestOfTheLine() throws IOException {
    assertEquals(Reason.UNKNOWN, ((Unaddressed) read("PROXY UNKNOWN\r\n")).reason());
    assertEquals(
        Reason.UNKNOWN, ((Unaddressed) read("PROXY UNKNOWN whatever 1.2.3 x y\r\n")).reason());
  }

  @Test
  void aLineWithoutCrlfWithin107OctetsIsRefused() {
    String message = failure("PROXY TCP4 " + "1".repeat(200));

    assertTrue(message.contains("no CRLF within 107 octets"), message);
  }

  @Test
  void aBareLfIsRefused() {
    assertTrue(failure("PROXY TCP4 192.0.2.1 192.0.2.2 1 2\n").contains("bare LF"));
  }

  @Test
  void aCrNotFollowedByLfIsRefused() {
    assertTrue(failure("PROXY TCP4 192.0.2.1\r192.0.2.2 1 2\r\n").contains("CR not followed"));
  }

  @Test
  void aControlOctetInTheLineIsRefusedNamingIt() {
    String message = failure("PROXY TCP4 192.0.2.1\t192.0.2.2 1 2\r\n");

    assertTrue(message.contains("0x09 at position 20"), message);
  }

  @Test
  void aNonAsciiOctetInTheLineIsRefused() {
    String message = failure("PROXY TCP4 192.0.2.1 192.0.2.2 \u00b9 2\r\n");

    assertTrue(message.contains("0xB9 at position 31"), message);
  }

  @Test
  void anUnknownProtocolIsRefusedNamingTheDefinedOnes() {
    String message = failure("PROXY UDP4 192.0.2.1 192.0.2.2 1 2\r\n");

    assertTrue(message.contains("\"UDP4\", but only TCP4, TCP6 or UNKNOWN"), message);
  }

  @Test
  void aLowerCaseKeywordIsRefused() {
    assertTrue(failure("proxy TCP4 192.0.2.1 192.0.2.2 1 2\r\n").contains("not a PROXY"));
    assertTrue(failure("PROXY tcp4 192.0.2.1 192.0.2.2 1 2\r\n").contains("\"tcp4\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PROXY TCP4 192.0.2.1 192.0.2.2 1\r\n",
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2 3\r\n",
        "PROXY TCP4 192.0.2.1  192.0.2.2 1 2\r\n",
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2 \r\n",
        "PROXY TCP4  192.0.2.1 192.0.2.2 1 2\r\n"
      })
  void aLineWithOtherThanFourSingleSpacedFieldsIsRefused(String line) {
    String message = failure(line);

    assertTrue(message.contains("expected 4"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.256",
        "192.0.2",
        "192.0.2.1.5",
        "192.0.02.1",
        "192.0.2.-1",
        "192.0.2.+1",
        "192.0.2.a",
        "::1",
        "localhost",
        "0x7f.0.0.1"
      })
  void aTcp4SourceThatIsNotAStrictIpv4AddressIsRefusedNamingIt(String address) {
    String message = failure("PROXY TCP4 " + address + " 192.0.2.2 1 2\r\n");

    assertTrue(message.contains("source address \"" + address + "\" is not an IPv4"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.1",
        "1::2::3",
        "12345::1",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        ":1:2:3:4:5:6:7",
        "::g",
        "fe80::1%eth0",
        "[::1]",
        "1:2:3:4:5:6:7::8",
        "1.2.3.4::"
      })
  void aTcp6DestinationThatIsNotAStrictIpv6AddressIsRefusedNamingIt(String address) {
    String message = failure("PROXY TCP6 ::1 " + address + " 1 2\r\n");

    assertTrue(message.contains("destination address \"" + address + "\""), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"65536", "080", "-1", "+1", "1a", "", "99999999999"})
  void aPortOutsideZeroTo65535OrWithHeadingZeroesIsRefused(String port) {
    String message = failure("PROXY TCP4 192.0.2.1 192.0.2.2 " + port + " 110\r\n");

    assertTrue(message.contains("source port \"" + port + "\""), message);
  }
}
