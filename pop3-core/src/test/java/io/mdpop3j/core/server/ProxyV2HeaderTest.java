package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.ProxyHeader.BalancerTls;
import io.mdpop3j.core.server.ProxyHeader.Reason;
import io.mdpop3j.core.server.ProxyHeader.Relayed;
import io.mdpop3j.core.server.ProxyHeader.Unaddressed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The binary header of the PROXY protocol, section 2.2. */
class ProxyV2HeaderTest {

  static ProxyHeader read(byte[] header) throws IOException {
    return ProxyHeader.read(new ByteArrayInputStream(header), Duration.ofSeconds(5));
  }

  static String failure(byte[] header) {
    return assertThrows(ProxyHeaderException.class, () -> read(header)).getMessage();
  }

  private static V2HeaderBytes tcp4() {
    return V2HeaderBytes.proxy("192.0.2.1", 56324, "198.51.100.11", 995);
  }

  @Test
  void aProxyCommandOverTcp4GivesTheClientAndTheListenerAddresses() throws IOException {
    Relayed relayed = assertInstanceOf(Relayed.class, read(tcp4().bytes()));

    assertEquals(new InetSocketAddress("192.0.2.1", 56324), relayed.source());
    assertEquals(new InetSocketAddress("198.51.100.11", 995), relayed.destination());
    assertEquals(Optional.empty(), relayed.balancerTls());
  }

  @Test
  void aProxyCommandOverTcp6GivesIpv6Addresses() throws IOException {
    Relayed relayed =
        assertInstanceOf(
            Relayed.class,
            read(V2HeaderBytes.proxy("2001:db8::1", 65535, "2001:db8::2", 110).bytes()));

    assertEquals(new InetSocketAddress("2001:db8::1", 65535), relayed.source());
    assertEquals(new InetSocketAddress("2001:db8::2", 110), relayed.destination());
  }

  @Test
  void aLocalCommandKeepsTheConnectionsOwnAddresses() throws IOException {
    assertEquals(
        new Unaddressed(Reason.LOCAL, Optional.empty()), read(V2HeaderBytes.local().bytes()));
  }

  @Test
  void aLocalCommandIgnoresWhateverFamilyAndAddressesItCarries() throws IOException {
    byte[] header = tcp4().versionAndCommand(0x20).bytes();

    assertEquals(new Unaddressed(Reason.LOCAL, Optional.empty()), read(header));
    assertEquals(
        Reason.LOCAL,
        ((Unaddressed) read(V2HeaderBytes.local().family(0x77).declaredLength(0).bytes()))
            .reason());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x12, 0x22, 0x31, 0x32})
  void aProxyCommandOverAFamilyThisServerDoesNotUseFallsBackToUnspec(int family)
      throws IOException {
    int size =
        switch (family) {
          case 0x12 -> 12;
          case 0x22 -> 36;
          case 0x31, 0x32 -> 216;
          default -> 0;
        };
    byte[] header = new V2HeaderBytes().family(family).addressBlock(new byte[size]).bytes();

    assertEquals(new Unaddressed(Reason.UNKNOWN, Optional.empty()), read(header));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x13, 0x41, 0x10, 0xFF})
  void anUndefinedFamilyIsRefusedNamingIt(int family) {
    String message = failure(new V2HeaderBytes().family(family).addressBlock(new byte[36]).bytes());

    assertTrue(
        message.contains(String.format(Locale.ROOT, "0x%02X (14th octet)", family)), message);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x11, 0x31, 0x01, 0xF1})
  void aVersionOtherThanTwoIsRefusedNamingIt(int octet) {
    String message = failure(tcp4().versionAndCommand(octet).bytes());

    assertTrue(message.contains("version " + (octet >> 4)), message);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x22, 0x2F})
  void aCommandOtherThanLocalOrProxyIsRefusedNamingIt(int octet) {
    String message = failure(tcp4().versionAndCommand(octet).bytes());

    assertTrue(message.contains("command " + (octet & 0xF)), message);
  }

  @Test
  void addressesShorterThanTheFamilyNeedsAreRefused() {
    String message = failure(tcp4().addressBlock(new byte[11]).bytes());

    assertTrue(message.contains("declares 11 octets"), message);
    assertTrue(message.contains("take 12"), message);
  }

  @Test
  void aDeclaredLengthAboveTheBoundIsRefusedBeforeReadingIt() {
    byte[] header = tcp4().declaredLength(ProxyHeaderReader.V2_MAX_DECLARED_LENGTH + 1).bytes();

    String message = failure(header);

    assertTrue(message.contains("declares 4097 octets after its fixed part"), message);
  }

  @Test
  void theLongestDeclaredLengthIsRead() throws IOException {
    byte[] padding = new byte[ProxyHeaderReader.V2_MAX_DECLARED_LENGTH - 12 - 3];

    Relayed relayed = assertInstanceOf(Relayed.class, read(tcp4().tlv(0x04, padding).bytes()));

    assertEquals(56324, relayed.source().getPort());
  }

  @Test
  void unknownTlvsAreSkipped() throws IOException {
    byte[] header =
        tcp4()
            .tlv(0x01, "pop3".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .tlv(0x05, new byte[128])
            .tlv(0xE0, new byte[0])
            .tlv(0x30, "blue".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .bytes();

    assertEquals(new InetSocketAddress("192.0.2.1", 56324), ((Relayed) read(header)).source());
  }

  @Test
  void anSslTlvWithTheClientSslFlagSaysTheBalancerTerminatedTls() throws IOException {
    byte[] header = tcp4().ssl(0x01, 1, "TLSv1.3", "TLS_AES_256_GCM_SHA384").bytes();

    ProxyHeader proxied = read(header);

    assertTrue(proxied.tlsTerminatedAtBalancer());
    assertEquals(
        Optional.of(
            new BalancerTls(Optional.of("TLSv1.3"), Optional.of("TLS_AES_256_GCM_SHA384"), false)),
        proxied.balancerTls());
  }

  @Test
  void aVerifiedClientCertificateIsReported() throws IOException {
    byte[] connection = tcp4().ssl(0x01 | 0x02, 0, "TLSv1.2", null).bytes();
    byte[] session = tcp4().ssl(0x01 | 0x04, 0, null, null).bytes();
    byte[] failed = tcp4().ssl(0x01 | 0x02, 0x200, null, null).bytes();

    assertTrue(read(connection).balancerTls().orElseThrow().clientCertificateVerified());
    assertTrue(read(session).balancerTls().orElseThrow().clientCertificateVerified());
    assertFalse(read(failed).balancerTls().orElseThrow().clientCertificateVerified());
  }

  @Test
  void anSslTlvWithoutTheClientSslFlagIsNoTls() throws IOException {
    assertFalse(read(tcp4().ssl(0x00, 0, null, null).bytes()).tlsTerminatedAtBalancer());
    assertFalse(read(tcp4().ssl(0x06, 0, null, null).bytes()).tlsTerminatedAtBalancer());
  }

  @Test
  void aLocalCommandMayCarryTlvs() throws IOException {
    byte[] header = V2HeaderBytes.local().ssl(0x01, 0, "TLSv1.3", null).crc32c().bytes();

    ProxyHeader local = read(header);

    assertEquals(Reason.LOCAL, ((Unaddressed) local).reason());
    assertTrue(local.tlsTerminatedAtBalancer());
  }

  @Test
  void anSslTlvTooShortForItsFixedPartIsRefused() {
    String message = failure(tcp4().tlv(0x20, new byte[] {1, 0, 0, 0}).bytes());

    assertTrue(message.contains("PP2_TYPE_SSL TLV at offset 28 has 4 octets"), message);
  }

  @Test
  void aTruncatedSubTlvIsRefused() {
    byte[] value = {1, 0, 0, 0, 0, 0x21, 0, 9, 'T', 'L', 'S'};

    String message = failure(tcp4().tlv(0x20, value).bytes());

    assertTrue(message.contains("sub-TLV of type 0x21"), message);
    assertTrue(message.contains("declares 9 octets, but only 3 are left"), message);
  }

  @Test
  void aSubTlvCutInsideItsTypeAndLengthIsRefused() {
    byte[] value = {1, 0, 0, 0, 0, 0x21, 0};

    String message = failure(tcp4().tlv(0x20, value).bytes());

    assertTrue(message.contains("ends inside a sub-TLV"), message);
  }

  @Test
  void aTlvLongerThanWhatIsLeftOfTheHeaderIsRefused() {
    String message = failure(tcp4().rawTlvBytes(new byte[] {0x05, 0, 10, 1, 2, 3}).bytes());

    assertTrue(message.contains("TLV of type 0x05 at offset 28 declares 10 octets"), message);
    assertTrue(message.contains("only 3 are left in the header"), message);
  }

  @Test
  void trailingOctetsTooShortForATlvAreRefused() {
    String message = failure(tcp4().rawTlvBytes(new byte[] {0x05, 0}).bytes());

    assertTrue(message.contains("ends inside a TLV at offset 28: 2 octets are left"), message);
  }

  @Test
  void aMatchingCrc32cIsAccepted() throws IOException {
    byte[] header = tcp4().tlv(0x05, new byte[] {1, 2, 3}).crc32c().tlv(0x04, new byte[2]).bytes();

    assertEquals(56324, ((Relayed) read(header)).source().getPort());
  }

  @Test
  void aCrc32cThatDoesNotMatchIsRefused() {
    byte[] header = tcp4().crc32c().bytes();
    header[17] ^= 0x01; // the source address changed on the way

    String message = failure(header);

    assertTrue(message.contains("PP2_TYPE_CRC32C says"), message);
  }

  @Test
  void everySingleBitFlipInACheckedHeaderIsRefused() {
    byte[] good = tcp4().ssl(0x01, 0, "TLSv1.3", null).crc32c().bytes();
    int checksumTlv = good.length - 7;
    // Bits of the fixed part change its meaning first; from the addresses on, the checksum speaks,
    // except in the checksum TLV's own type and length, which a flip turns into another TLV.
    for (int bit = 16 * 8; bit < good.length * 8; bit++) {
      if (bit / 8 >= checksumTlv && bit / 8 < checksumTlv + 3) {
        continue;
      }
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(ProxyHeaderException.class, () -> read(bad), "bit " + bit);
    }
  }

  @Test
  void aCrc32cOfOtherThanFourOctetsIsRefused() {
    String message = failure(tcp4().tlv(0x03, new byte[3]).bytes());

    assertTrue(message.contains("has 3 octets; it must have 4"), message);
  }

  @Test
  void twoChecksumsOrTwoSslTlvsAreRefused() {
    assertTrue(failure(tcp4().crc32c().crc32c().bytes()).contains("two PP2_TYPE_CRC32C"));
    assertTrue(
        failure(tcp4().ssl(0, 0, null, null).ssl(1, 0, null, null).bytes())
            .contains("two PP2_TYPE_SSL"));
  }
}
