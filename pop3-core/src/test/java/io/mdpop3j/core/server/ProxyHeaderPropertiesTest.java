package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives, the reader answers with a header or a clear refusal, and addresses round-trip.
 */
class ProxyHeaderPropertiesTest {

  @Provide
  Arbitrary<byte[]> afterAV2Signature() {
    // The 13th to 16th octets mostly valid, so the parser gets past the fixed part often.
    Arbitrary<byte[]> fixed =
        Arbitraries.of(0x20, 0x21, 0x22, 0x11)
            .flatMap(
                command ->
                    Arbitraries.of(0x00, 0x11, 0x21, 0x31, 0x12, 0x44)
                        .flatMap(
                            family ->
                                Arbitraries.integers()
                                    .between(0, 300)
                                    .map(
                                        length ->
                                            new byte[] {
                                              (byte) (int) command,
                                              (byte) (int) family,
                                              (byte) (length >> 8),
                                              (byte) (int) length
                                            })));
    Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(320);
    return fixed.flatMap(
        head ->
            rest.map(
                tail -> {
                  byte[] all = new byte[12 + 4 + tail.length];
                  System.arraycopy(ProxyHeaderReader.V2_SIGNATURE, 0, all, 0, 12);
                  System.arraycopy(head, 0, all, 12, 4);
                  System.arraycopy(tail, 0, all, 16, tail.length);
                  return all;
                }));
  }

  @Property(tries = 3000)
  void anyV2OctetsGiveAHeaderOrARefusalAndNeverReadPastTheDeclaredLength(
      @ForAll("afterAV2Signature") byte[] input) throws IOException {
    InputStream in = new ByteArrayInputStream(input);
    int declared = ((input[14] & 0xFF) << 8) | (input[15] & 0xFF);
    try {
      ProxyHeader.read(in, Duration.ofSeconds(5));
      assertArrayEquals(Arrays.copyOfRange(input, 16 + declared, input.length), in.readAllBytes());
    } catch (ProxyHeaderException refused) {
      assertTrue(refused.getMessage().contains("PROXY"), refused.getMessage());
    }
  }

  @Property(tries = 3000)
  void anyPrintableV1LineGivesAHeaderOrARefusal(@ForAll @Size(max = 110) String tail)
      throws IOException {
    byte[] line = ("PROXY " + tail + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      ProxyHeader.read(new ByteArrayInputStream(line), Duration.ofSeconds(5));
    } catch (ProxyHeaderException refused) {
      assertTrue(refused.getMessage().contains("PROXY"), refused.getMessage());
    }
  }

  @Property(tries = 2000)
  void everyIpv6AddressReadsBackFromTheJdksTextAndFromItsShortestForm(
      @ForAll @Size(16) byte[] octets, @ForAll("zeroRuns") int[] run) throws IOException {
    Arrays.fill(octets, run[0] * 2, Math.min(16, (run[0] + run[1]) * 2), (byte) 0);
    InetAddress address = InetAddress.getByAddress(octets);
    String full = address.getHostAddress();
    String shortest = full.replaceFirst("(^|:)0(:0)+(:|$)", "::");

    assertArrayEquals(address.getAddress(), AddressLiteral.parse(full).getAddress(), full);
    assertArrayEquals(address.getAddress(), AddressLiteral.parse(shortest).getAddress(), shortest);
  }

  @Provide
  Arbitrary<int[]> zeroRuns() {
    return Arbitraries.integers()
        .between(0, 7)
        .flatMap(start -> Arbitraries.integers().between(0, 8).map(n -> new int[] {start, n}));
  }
}
