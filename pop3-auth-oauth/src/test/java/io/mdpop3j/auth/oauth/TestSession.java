package io.mdpop3j.auth.oauth;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A session with nothing but an id, for calling validators directly. */
record TestSession(String id) implements Session {

  static final TestSession ANY = new TestSession("test");

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
    return true;
  }

  @Override
  public Optional<String> apopTimestamp() {
    return Optional.empty();
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
