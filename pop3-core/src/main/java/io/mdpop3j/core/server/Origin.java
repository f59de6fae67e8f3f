package io.mdpop3j.core.server;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a session's client is, as every per-client rule sees it: the connection's own endpoints, or
 * those a trusted balancer's PROXY header named.
 *
 * @param remote the client's address
 * @param local the address the client connected to
 * @param tlsAtBalancer whether a trusted balancer said it terminated the client's TLS
 * @param balancer the trusted balancer's address when the connection came through one
 */
record Origin(
    Optional<InetSocketAddress> remote,
    Optional<InetSocketAddress> local,
    boolean tlsAtBalancer,
    Optional<InetSocketAddress> balancer) {

  /** The connection's own endpoints, with no balancer in between. */
  static Origin direct(Transport transport) {
    return new Origin(transport.remote(), transport.local(), false, Optional.empty());
  }

  /** The client's IP address as the log shows it, or {@code -} when unknown. */
  String remoteText() {
    return text(remote);
  }

  /** The balancer's IP address as the log shows it, or {@code -} when there is none. */
  String balancerText() {
    return text(balancer);
  }

  private static String text(Optional<InetSocketAddress> address) {
    return address
        .filter(a -> !a.isUnresolved())
        .map(a -> a.getAddress().getHostAddress())
        .orElse("-");
  }
}
