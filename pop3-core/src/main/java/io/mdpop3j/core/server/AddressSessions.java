package io.mdpop3j.core.server;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sessions each client address has open, for the per-address limit. A direct connection is
 * counted when it is accepted; one through a trusted balancer once its PROXY header has named the
 * client, so the limit applies to the client and never to the balancer.
 */
final class AddressSessions {

  private final int limit;
  // merge/computeIfPresent keep counting and removal atomic per address; a separate counter
  // object could be dropped from the map by one thread while another was counting on it.
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

  AddressSessions(int limit) {
    this.limit = limit;
  }

  /**
   * Counts one more session from {@code address} and returns how many it has open with this one;
   * above {@link #limit()} the caller must refuse the session and {@link #close} it.
   */
  int open(InetAddress address) {
    return open.merge(address, 1, Integer::sum);
  }

  /** One session from {@code address} ended (or was refused after {@link #open}). */
  void close(InetAddress address) {
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  /** The most sessions one address may have open. */
  int limit() {
    return limit;
  }
}
