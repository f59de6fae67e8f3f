package io.mdpop3j.core.testing;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A session as the server would hand it to a plug-in, without a socket: for calling authenticators,
 * stores and validators directly in their own tests.
 */
public final class TestSession implements Session {

  private final String id;
  private final Optional<InetSocketAddress> remote;
  private final Optional<String> apopTimestamp;
  private final boolean secure;
  private final Optional<String> user;

  private TestSession(
      String id,
      Optional<InetSocketAddress> remote,
      Optional<String> apopTimestamp,
      boolean secure,
      Optional<String> user) {
    this.id = id;
    this.remote = remote;
    this.apopTimestamp = apopTimestamp;
    this.secure = secure;
    this.user = user;
  }

  /** No address, no TLS, no APOP timestamp, no user yet. */
  public static TestSession plain() {
    return new TestSession("test", Optional.empty(), Optional.empty(), false, Optional.empty());
  }

  /** As {@link #plain()}, from {@code host} port 40000. */
  public static TestSession from(String host) {
    return from(host, 40000);
  }

  /** As {@link #plain()}, from {@code host} and {@code port}. */
  public static TestSession from(String host, int port) {
    return plain().withRemote(new InetSocketAddress(host, port));
  }

  /** This session under the id {@code name}. */
  public TestSession withId(String name) {
    return new TestSession(name, remote, apopTimestamp, secure, user);
  }

  /** This session from {@code address}. */
  public TestSession withRemote(InetSocketAddress address) {
    return new TestSession(id, Optional.of(address), apopTimestamp, secure, user);
  }

  /** This session with the greeting's APOP {@code timestamp}. */
  public TestSession withApop(String timestamp) {
    return new TestSession(id, remote, Optional.of(timestamp), secure, user);
  }

  /** This session under TLS. */
  public TestSession secure() {
    return new TestSession(id, remote, apopTimestamp, true, user);
  }

  /** This session logged in as {@code name}. */
  public TestSession as(String name) {
    return new TestSession(id, remote, apopTimestamp, secure, Optional.of(name));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<InetSocketAddress> remoteAddress() {
    return remote;
  }

  @Override
  public Optional<InetSocketAddress> localAddress() {
    return Optional.empty();
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public Optional<String> apopTimestamp() {
    return apopTimestamp;
  }

  @Override
  public Optional<String> user() {
    return user;
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }
}
