package io.mdpop3j.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A server's PROXY protocol setting: the networks its balancers connect from, and how long one of
 * them has to send its header. A connection from those networks must start with a header; one from
 * anywhere else is never read as one, so a client cannot claim another's address by sending {@code
 * PROXY TCP4 ...} itself (the line then fails as a POP3 command).
 */
record ProxyProtocol(TrustedNetworks trusted, Duration headerTimeout) {

  /** Whether a connection from {@code peer} must start with a PROXY header. */
  boolean expectsHeaderFrom(InetAddress peer) {
    return trusted.contains(peer);
  }

  /** Whether the connection over {@code transport} comes from a trusted balancer. */
  boolean expectsHeaderOn(Transport transport) {
    return transport
        .remote()
        .filter(a -> !a.isUnresolved())
        .map(a -> expectsHeaderFrom(a.getAddress()))
        .orElse(false);
  }

  /**
   * Where the connection over {@code transport} comes from: read from its PROXY header when the
   * peer is trusted, else the connection's own endpoints. The header is read from the raw stream
   * under {@link #headerTimeout} as a whole, and nothing after it is consumed.
   *
   * @throws ProxyHeaderException when a trusted peer sent no complete, valid header in time
   * @throws IOException when reading fails otherwise (the connection was closed under the read)
   */
  Origin originOf(Transport transport) throws IOException {
    Origin direct = Origin.direct(transport);
    if (!expectsHeaderOn(transport)) {
      return direct;
    }
    Optional<InetSocketAddress> peer = transport.remote();
    ProxyHeader header =
        ProxyHeader.read(transport.input(), headerTimeout, transport::setReadTimeout);
    boolean tls = header.tlsTerminatedAtBalancer();
    if (header instanceof ProxyHeader.Relayed relayed) {
      return new Origin(
          Optional.of(relayed.source()), Optional.of(relayed.destination()), tls, peer);
    }
    // LOCAL (the balancer's own health check) or UNKNOWN: the connection's endpoints stand.
    return new Origin(direct.remote(), direct.local(), tls, peer);
  }
}
