package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.ProxyHeader.Relayed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the reader takes a header off a stream: exactly its octets, whatever the arrival pattern, and
 * never past its deadline.
 */
class ProxyHeaderStreamTest {

  private static final byte[] CAPA = ascii("CAPA\r\n");
  private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};

  static List<byte[]> headers() {
    return List.of(
        ascii("PROXY TCP4 192.0.2.1 198.51.100.11 56324 110\r\n"),
        ascii("PROXY TCP6 2001:db8::1 2001:db8::2 65535 995\r\n"),
        ascii("PROXY UNKNOWN\r\n"),
        ascii("PROXY UNKNOWN 2001:db8::1 2001:db8::2 65535 995\r\n"),
        V2HeaderBytes.proxy("192.0.2.1", 56324, "198.51.100.11", 110).bytes(),
        V2HeaderBytes.proxy("2001:db8::1", 1, "2001:db8::2", 2)
            .ssl(1, 0, "TLSv1.3", "TLS_AES_128_GCM_SHA256")
            .crc32c()
            .bytes(),
        V2HeaderBytes.local().bytes());
  }

  @ParameterizedTest
  @MethodSource("headers")
  void theFirstPop3OctetsAfterTheHeaderAreLeftInTheStream(byte[] header) throws IOException {
    InputStream in = new ByteArrayInputStream(concat(header, CAPA));

    ProxyHeader.read(in, Duration.ofSeconds(5));

    assertArrayEquals(CAPA, in.readAllBytes());
  }

  @ParameterizedTest
  @MethodSource("headers")
  void aTlsClientHelloAfterTheHeaderIsLeftInTheStream(byte[] header) throws IOException {
    InputStream in = new ByteArrayInputStream(concat(header, CLIENT_HELLO_START));

    ProxyHeader.read(in, Duration.ofSeconds(5));

    assertEquals(0x16, in.read());
  }

  @ParameterizedTest
  @MethodSource("headers")
  void aHeaderArrivingOneOctetPerReadIsReadWhole(byte[] header) throws IOException {
    InputStream in = new OneOctetPerRead(new ByteArrayInputStream(concat(header, CAPA)));

    ProxyHeader.read(in, Duration.ofSeconds(5));

    assertArrayEquals(CAPA, in.readAllBytes());
  }

  @ParameterizedTest
  @MethodSource("headers")
  void aHeaderCutAtAnyLengthIsRefusedAsIncomplete(byte[] header) {
    for (int length = 0; length < header.length; length++) {
      byte[] cut = java.util.Arrays.copyOf(header, length);

      String message =
          assertThrows(
                  ProxyHeaderException.class,
                  () -> ProxyHeader.read(new ByteArrayInputStream(cut), Duration.ofSeconds(5)),
                  "cut at " + length)
              .getMessage();

      assertTrue(message.contains("ended after " + length + " octets"), message);
    }
  }

  @Test
  void aPop3CommandInsteadOfAHeaderIsRefusedNamingWhatCame() {
    String message =
        assertThrows(
                ProxyHeaderException.class,
                () ->
                    ProxyHeader.read(
                        new ByteArrayInputStream(ascii("USER alice\r\n")), Duration.ofSeconds(5)))
            .getMessage();

    assertTrue(
        message.startsWith("not a PROXY protocol header: it starts with \"USER alice\\r\\n\""));
  }

  @Test
  void aTlsClientHelloInsteadOfAHeaderIsRefused() {
    String message =
        assertThrows(
                ProxyHeaderException.class,
                () ->
                    ProxyHeader.read(
                        new ByteArrayInputStream(CLIENT_HELLO_START), Duration.ofSeconds(5)))
            .getMessage();

    assertTrue(message.contains("\"\\x16\\x03\\x01\\x02\\x00\\x01\""), message);
  }

  @Test
  void aV2SignatureWithOneOctetWrongIsRefused() {
    byte[] header = V2HeaderBytes.local().bytes();
    header[11] = 0x0B;

    assertThrows(
        ProxyHeaderException.class,
        () -> ProxyHeader.read(new ByteArrayInputStream(header), Duration.ofSeconds(5)));
  }

  @Test
  void theReaderAsksForNoMoreThanAValidHeaderStillHolds() throws IOException {
    // A stream that would hand over everything asked for, and counts what was asked.
    for (byte[] header : headers()) {
      CountingStream in = new CountingStream(concat(header, CAPA));

      ProxyHeader.read(in, Duration.ofSeconds(5));

      assertEquals(header.length, in.requested, new String(header, StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void junkOnALiveConnectionFailsAtOnceNotAtTheTimeout() throws Exception {
    try (Loopback loopback = new Loopback()) {
      loopback.client.getOutputStream().write(ascii("USER a"));

      long start = System.nanoTime();
      assertThrows(
          ProxyHeaderException.class,
          () -> ProxyHeader.read(loopback.server.getInputStream(), Duration.ofSeconds(10)));

      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
    }
  }

  @Test
  void aHeaderAndTheFirstCommandInOneSegmentLeaveTheCommandOnTheSocket() throws Exception {
    try (Loopback loopback = new Loopback()) {
      byte[] header = V2HeaderBytes.proxy("192.0.2.1", 56324, "198.51.100.11", 110).bytes();
      loopback.client.getOutputStream().write(concat(header, CAPA));
      loopback.client.shutdownOutput();

      Relayed relayed =
          assertInstanceOf(
              Relayed.class,
              ProxyHeader.read(
                  loopback.server.getInputStream(),
                  Duration.ofSeconds(5),
                  loopback.server::setSoTimeout));

      assertEquals(new InetSocketAddress("192.0.2.1", 56324), relayed.source());
      assertArrayEquals(CAPA, loopback.server.getInputStream().readAllBytes());
    }
  }

  @Test
  void aSilentConnectionIsRefusedWhenTheTimeoutEnds() throws Exception {
    try (Loopback loopback = new Loopback()) {
      long start = System.nanoTime();

      String message =
          assertThrows(
                  ProxyHeaderException.class,
                  () ->
                      ProxyHeader.read(
                          loopback.server.getInputStream(),
                          Duration.ofMillis(300),
                          loopback.server::setSoTimeout))
              .getMessage();

      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(waited >= 290 && waited < 2_000, "waited " + waited + " ms");
      assertEquals("no complete PROXY header within 300 ms; received 0 octets: \"\"", message);
    }
  }

  @Test
  void aClientTricklingTheHeaderIsCutOffAtTheDeadlineThoughEachOctetComesInTime() throws Exception {
    try (Loopback loopback = new Loopback()) {
      Thread trickler =
          new Thread(
              () -> {
                try {
                  OutputStream out = loopback.client.getOutputStream();
                  for (byte b : ascii("PROXY TCP4 192.0.2.1 198.51.100.11 56324 110\r\n")) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(40);
                  }
                } catch (IOException | InterruptedException e) {
                  // The reader gave up and closed its end.
                }
              });
      trickler.setDaemon(true);
      trickler.start();
      long start = System.nanoTime();

      String message =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  assertThrows(
                          ProxyHeaderException.class,
                          () ->
                              ProxyHeader.read(
                                  loopback.server.getInputStream(),
                                  Duration.ofMillis(500),
                                  loopback.server::setSoTimeout))
                      .getMessage());

      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(waited >= 490 && waited < 1_500, "waited " + waited + " ms");
      assertTrue(message.startsWith("no complete PROXY header within 500 ms"), message);
      loopback.server.close();
      trickler.join(5_000);
    }
  }

  @Test
  void withoutATimeoutSetterTheDeadlineIsStillCheckedBetweenReads() {
    AtomicLong now = new AtomicLong();
    // Each read takes 100 ms of the test clock, as a trickling client's would.
    InputStream slow =
        new OneOctetPerRead(
            new ByteArrayInputStream(ascii("PROXY TCP4 192.0.2.1 198.51.100.11 56324 110\r\n"))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            return super.read(b, off, len);
          }
        };
    ProxyHeaderReader reader =
        new ProxyHeaderReader(slow, Duration.ofSeconds(1), millis -> {}, now::get);

    String message = assertThrows(ProxyHeaderException.class, reader::read).getMessage();

    assertTrue(message.contains("received 10 octets: \"PROXY TCP4\""), message);
  }

  @Test
  void theTimeoutSetterIsGivenWhatIsLeftOfTheDeadline() throws IOException {
    AtomicLong now = new AtomicLong();
    List<Integer> timeouts = new java.util.ArrayList<>();
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(V2HeaderBytes.local().bytes())) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            now.addAndGet(Duration.ofMillis(700).toNanos());
            return super.read(b, off, Math.min(len, 8));
          }
        };

    new ProxyHeaderReader(in, Duration.ofSeconds(3), timeouts::add, now::get).read();

    assertEquals(List.of(3000, 2300, 1600), timeouts);
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProxyHeader.read(new ByteArrayInputStream(new byte[0]), Duration.ZERO));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }

  /** Hands over one octet per read, as a byte-at-a-time intermediary would (section 2). */
  static class OneOctetPerRead extends FilterInputStream {
    OneOctetPerRead(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1));
    }
  }

  /** Sums the octets each read asked for. */
  private static final class CountingStream extends ByteArrayInputStream {
    int requested;

    CountingStream(byte[] octets) {
      super(octets);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      requested += len;
      return super.read(b, off, len);
    }

    @Override
    public synchronized int read() {
      requested++;
      return super.read();
    }
  }

  /** A connected pair of sockets on 127.0.0.1. */
  private static final class Loopback implements AutoCloseable {
    final Socket client;
    final Socket server;
    private final ServerSocket listener;

    Loopback() throws IOException {
      listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      server = listener.accept();
    }

    @Override
    public void close() throws IOException {
      try (listener;
          client;
          server) {
        // closes all three
      }
    }
  }
}
