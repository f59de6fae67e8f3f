package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a load balancer said about a connection in its PROXY protocol header (HAProxy's
 * proxy-protocol.txt, versions 1 and 2): either the client's and the listener's real addresses, or
 * that the connection's own addresses stand, and whether the balancer terminated TLS for it.
 */
sealed interface ProxyHeader permits ProxyHeader.Relayed, ProxyHeader.Unaddressed {

  /** Set when the client spoke TLS to the balancer, which terminated it (v2 PP2_TYPE_SSL only). */
  Optional<BalancerTls> balancerTls();

  /** Whether the client's connection to the balancer was TLS that the balancer terminated. */
  default boolean tlsTerminatedAtBalancer() {
    return balancerTls().isPresent();
  }

  /**
   * The balancer relayed a TCP connection: {@code source} is the client, {@code destination} the
   * address the client connected to. Neither was looked up in DNS.
   */
  record Relayed(
      InetSocketAddress source, InetSocketAddress destination, Optional<BalancerTls> balancerTls)
      implements ProxyHeader {}

  /**
   * The header carries no usable address, so the connection's own endpoints stand: a v2 LOCAL
   * command (the balancer's own health check), a v1 UNKNOWN line, or a v2 PROXY command over a
   * family this server does not use (UNSPEC, UNIX, datagrams), which section 2.2 says to treat as
   * UNSPEC.
   */
  record Unaddressed(Reason reason, Optional<BalancerTls> balancerTls) implements ProxyHeader {}

  /** Why a header carries no address. */
  enum Reason {
    /** v2 command LOCAL: the balancer opened the connection on its own behalf. */
    LOCAL,
    /** v1 UNKNOWN, or v2 PROXY with a family or transport other than TCP over IPv4 or IPv6. */
    UNKNOWN
  }

  /**
   * The client's TLS session with the balancer, from v2's PP2_TYPE_SSL with PP2_CLIENT_SSL set.
   *
   * @param protocol the TLS version as the balancer names it (PP2_SUBTYPE_SSL_VERSION), such as
   *     {@code TLSv1.3}
   * @param cipher the cipher suite (PP2_SUBTYPE_SSL_CIPHER)
   * @param clientCertificateVerified whether the client presented a certificate and the balancer
   *     verified it
   */
  record BalancerTls(
      Optional<String> protocol, Optional<String> cipher, boolean clientCertificateVerified) {}

  /**
   * Reads one PROXY header (v1 or v2) from {@code in}, consuming exactly its octets and none after
   * them, so the POP3 conversation or a TLS ClientHello that follows is left in the stream.
   *
   * <p>Each read blocks for at most the timeout the caller set on the socket; between reads the
   * whole header is held to {@code timeout}, so a client trickling one octet at a time is cut off
   * no later than one socket timeout after it.
   *
   * @throws ProxyHeaderException when the input is not a complete, valid header in time
   * @throws IOException when reading fails
   */
  static ProxyHeader read(InputStream in, Duration timeout) throws IOException {
    return new ProxyHeaderReader(in, timeout, millis -> {}, System::nanoTime).read();
  }

  /**
   * As {@link #read(InputStream, Duration)}, and before each read sets the remaining time as the
   * read timeout (typically {@code socket::setSoTimeout}), so the whole header is held to {@code
   * timeout} exactly.
   */
  static ProxyHeader read(InputStream in, Duration timeout, ProxyHeaderReader.ReadTimeout setter)
      throws IOException {
    return new ProxyHeaderReader(in, timeout, setter, System::nanoTime).read();
  }
}
