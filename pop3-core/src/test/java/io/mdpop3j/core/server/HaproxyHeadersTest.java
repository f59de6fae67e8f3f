package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.server.ProxyHeader.BalancerTls;
import io.mdpop3j.core.server.ProxyHeader.Reason;
import io.mdpop3j.core.server.ProxyHeader.Relayed;
import io.mdpop3j.core.server.ProxyHeader.Unaddressed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers as a real HAProxy sends them: captured bytes always (see haproxy-proxy-headers.txt for
 * how they were made), and a live HAProxy when one is installed.
 */
class HaproxyHeadersTest {
  private static final byte[] CAPA = "CAPA\r\n".getBytes(StandardCharsets.US_ASCII);

  private static Map<String, byte[]> captured() throws IOException {
    Map<String, byte[]> captures = new HashMap<>();
    try (InputStream in =
        HaproxyHeadersTest.class.getResourceAsStream("haproxy-proxy-headers.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n", 0)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          List<String> fields = List.of(line.strip().split(" ", 0));
          captures.put(fields.get(0), HexFormat.of().parseHex(fields.get(1)));
        }
      }
    }
    return captures;
  }

  /** Reads the header of one capture and checks that exactly the client's bytes are left. */
  private static ProxyHeader readCapture(String name, byte[] rest) throws IOException {
    InputStream in = new ByteArrayInputStream(captured().get(name));
    ProxyHeader header = ProxyHeader.read(in, Duration.ofSeconds(5));
    assertArrayEquals(rest, in.readAllBytes(), name);
    return header;
  }

  private static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(ip, port);
  }

  @Test
  void haproxySendProxyOverIpv4() throws IOException {
    Relayed relayed = assertInstanceOf(Relayed.class, readCapture("v1", CAPA));

    assertEquals(at("127.0.0.1", 38904), relayed.source());
    assertEquals(at("127.0.0.1", 40785), relayed.destination());
  }

  @Test
  void haproxySendProxyV2OverIpv4() throws IOException {
    Relayed relayed = assertInstanceOf(Relayed.class, readCapture("v2", CAPA));

    assertEquals(at("127.0.0.1", 48894), relayed.source());
    assertEquals(at("127.0.0.1", 40671), relayed.destination());
    assertFalse(relayed.tlsTerminatedAtBalancer());
  }

  @Test
  void haproxySendProxyV2WithChecksumUniqueIdAndAnSslTlvForAPlainClient() throws IOException {
    Relayed relayed = assertInstanceOf(Relayed.class, readCapture("v2-tlvs", CAPA));

    assertEquals(at("127.0.0.1", 33394), relayed.source());
    assertFalse(relayed.tlsTerminatedAtBalancer());
  }

  @Test
  void haproxySendProxyV2ForAClientWhoseTlsItTerminated() throws IOException {
    Relayed relayed = assertInstanceOf(Relayed.class, readCapture("v2-tls", CAPA));

    assertEquals(at("127.0.0.1", 49540), relayed.source());
    assertEquals(
        Optional.of(
            new BalancerTls(Optional.of("TLSv1.3"), Optional.of("TLS_AES_256_GCM_SHA384"), false)),
        relayed.balancerTls());
  }

  @Test
  void haproxyChecksumsAreBigEndianCrc32cAsSection223Says() throws IOException {
    byte[] header = captured().get("v2-tls");
    header[16] ^= 0x01; // 127.0.0.1 becomes 126.0.0.1

    ProxyHeaderException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProxyHeaderException.class,
            () -> ProxyHeader.read(new ByteArrayInputStream(header), Duration.ofSeconds(5)));

    assertTrue(refused.getMessage().contains("PP2_TYPE_CRC32C says 0x2755F1DA"));
  }

  @Test
  void haproxySendProxyOverIpv6() throws IOException {
    Relayed v1 = assertInstanceOf(Relayed.class, readCapture("v1-ipv6", CAPA));
    Relayed v2 = assertInstanceOf(Relayed.class, readCapture("v2-ipv6", CAPA));

    assertEquals(at("::1", 48476), v1.source());
    assertEquals(at("::1", 47291), v1.destination());
    assertEquals(at("::1", 57398), v2.source());
    assertEquals(at("::1", 35719), v2.destination());
  }

  @Test
  void haproxyHealthCheckIsALocalCommandWithAChecksum() throws IOException {
    assertEquals(
        new Unaddressed(Reason.LOCAL, Optional.empty()), readCapture("v2-local", new byte[0]));
  }

  @Test
  void aLiveHaproxyRelaysTheClientsAddressInV1AndV2(@TempDir Path dir) throws Exception {
    Optional<Path> haproxy = installedHaproxy();
    assumeTrue(haproxy.isPresent(), "haproxy is not installed; the captured headers still ran");
    try (ServerSocket backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      int v1 = freePort();
      int v2 = freePort();
      Path config = dir.resolve("haproxy.cfg");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global",
              "  maxconn 20",
              "defaults",
              "  mode tcp",
              "  timeout connect 2s",
              "  timeout client 5s",
              "  timeout server 5s",
              "frontend v1",
              "  bind 127.0.0.1:" + v1,
              "  default_backend v1",
              "backend v1",
              "  server pop 127.0.0.1:" + backend.getLocalPort() + " send-proxy",
              "frontend v2",
              "  bind 127.0.0.1:" + v2,
              "  unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid",
              "  default_backend v2",
              "backend v2",
              "  server pop 127.0.0.1:"
                  + backend.getLocalPort()
                  + " send-proxy-v2 proxy-v2-options crc32c,unique-id,ssl",
              ""));
      Process process =
          new ProcessBuilder(haproxy.get().toString(), "-db", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("haproxy.log").toFile())
              .start();
      try {
        for (int port : new int[] {v1, v2}) {
          try (Socket client = connectWhenListening(port, process, dir)) {
            client.getOutputStream().write(CAPA);
            try (Socket accepted = backend.accept()) {
              backend.setSoTimeout(5_000);
              ProxyHeader header =
                  ProxyHeader.read(
                      accepted.getInputStream(), Duration.ofSeconds(5), accepted::setSoTimeout);

              Relayed relayed = assertInstanceOf(Relayed.class, header, "port " + port);
              assertEquals(client.getLocalSocketAddress(), relayed.source());
              assertEquals(client.getRemoteSocketAddress(), relayed.destination());
              assertArrayEquals(CAPA, accepted.getInputStream().readNBytes(CAPA.length));
            }
          }
        }
      } finally {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  private static Optional<Path> installedHaproxy() {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
    for (String directory : path.split(":", 0)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "haproxy"))) {
        return Optional.of(Path.of(directory, "haproxy"));
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static Socket connectWhenListening(int port, Process process, Path dir)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return new Socket(InetAddress.getLoopbackAddress(), port);
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new UncheckedIOException(
              "haproxy did not listen on "
                  + port
                  + ": "
                  + Files.readString(dir.resolve("haproxy.log")),
              notYet);
        }
        Thread.sleep(50);
      }
    }
  }
}
