package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A session with nothing but an id, for calling authenticators directly. */
record TestSession(String id, Optional<String> apopTimestamp) implements Session {

  static TestSession plain() {
    return new TestSession("test", Optional.empty());
  }

  static TestSession withApop(String timestamp) {
    return new TestSession("test", Optional.of(timestamp));
  }

  @Override
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.empty();
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
