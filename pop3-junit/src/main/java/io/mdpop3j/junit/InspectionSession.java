package io.mdpop3j.junit;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** The session the extension names when it opens a mailbox itself, to show a test its contents. */
record InspectionSession(String name) implements Session {

  @Override
  public String id() {
    return "pop3-junit-inspection";
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
    return Optional.of(name);
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }
}
