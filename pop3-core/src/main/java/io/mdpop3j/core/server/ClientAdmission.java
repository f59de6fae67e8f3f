package io.mdpop3j.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What one session does before its greeting to learn who its client is and whether to serve it:
 * read a trusted balancer's PROXY header, then count the client against the per-address limit if
 * the server could not count it when it accepted the connection.
 */
final class ClientAdmission {

  private final ProxyProtocol proxy;
  private final AddressSessions perAddress;
  private InetAddress counted;

  /**
   * @param proxy the server's PROXY protocol setting, or null when it has none
   * @param perAddress the server's per-address counts, or null when the session is not counted (one
   *     session served in the caller's thread)
   * @param countedAtAccept the address already counted when the connection was accepted, or null
   */
  ClientAdmission(ProxyProtocol proxy, AddressSessions perAddress, InetAddress countedAtAccept) {
    this.proxy = proxy;
    this.perAddress = perAddress;
    this.counted = countedAtAccept;
  }

  /** Whether a PROXY header is to be read first on {@code transport}. */
  boolean expectsHeaderOn(Transport transport) {
    return proxy != null && proxy.expectsHeaderOn(transport);
  }

  /** Where the client is; see {@link ProxyProtocol#originOf}. */
  Origin originOf(Transport transport) throws IOException {
    return proxy == null ? Origin.direct(transport) : proxy.originOf(transport);
  }

  /**
   * Counts the client of {@code origin} unless it was counted at accept. Returns how many sessions
   * that address then has open, or 0 when nothing was counted; above the limit the session must be
   * refused (its count is already given back).
   */
  int count(Origin origin) {
    Optional<InetAddress> client =
        origin.remote().filter(a -> !a.isUnresolved()).map(InetSocketAddress::getAddress);
    if (counted != null || perAddress == null || client.isEmpty()) {
      return 0;
    }
    int open = perAddress.open(client.get());
    if (open > perAddress.limit()) {
      perAddress.close(client.get());
    } else {
      counted = client.get();
    }
    return open;
  }

  /** Whether {@code open}, as {@link #count} returned it, is over the limit. */
  boolean overLimit(int open) {
    return perAddress != null && open > perAddress.limit();
  }

  /** The address this session holds a per-address count for, to give back when it ends; or null. */
  InetAddress counted() {
    return counted;
  }
}
