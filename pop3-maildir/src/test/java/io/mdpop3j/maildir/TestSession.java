package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A session as the server would hand it to the store, without a socket. */
record TestSession(String id) implements Session {
  TestSession() {
    this("t1");
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
  public Optional<String> apopTimestamp() {
    return Optional.empty();
  }

  @Override
  public Optional<String> user() {
    return Optional.of("alice");
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }
}
