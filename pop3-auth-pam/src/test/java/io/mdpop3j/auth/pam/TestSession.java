package io.mdpop3j.auth.pam;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A session as the server would hand it to the authenticator, from a fixed client address. */
record TestSession(
    String id, Optional<InetSocketAddress> remoteAddress, Optional<String> apopTimestamp)
    implements Session {

  static TestSession from(String host) {
    return new TestSession("t1", Optional.of(new InetSocketAddress(host, 40000)), Optional.empty());
  }

  @Override
  public Optional<InetSocketAddress> localAddress() {
    return Optional.empty();
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public Optional<String> user() {
    return Optional.empty();
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }
}
