package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Session;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The server's own view of a session, handed to plug-ins as the read-only {@link Session}. */
public final class SessionInfo implements Session {

  private final String id;
  private final Optional<InetSocketAddress> remote;
  private final Optional<InetSocketAddress> local;
  private final Map<String, String> attributes;
  private volatile boolean secure;
  private volatile String apopTimestamp;
  private volatile String user;

  /** A session with the given id, addresses, TLS state and host-provided attributes. */
  public SessionInfo(
      String id,
      Optional<InetSocketAddress> remote,
      Optional<InetSocketAddress> local,
      boolean secure,
      Map<String, String> attributes) {
    this.id = Objects.requireNonNull(id, "id");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.local = Objects.requireNonNull(local, "local");
    this.secure = secure;
    this.attributes = Map.copyOf(attributes);
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
    return local;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public Optional<String> apopTimestamp() {
    return Optional.ofNullable(apopTimestamp);
  }

  @Override
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  @Override
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Whether the client is known to connect from this host (plaintext logins are allowed there). An
   * unknown or unresolved address is not loopback: a session on pipes with no address variable may
   * come from anywhere.
   */
  public boolean isLoopback() {
    return remote.map(a -> !a.isUnresolved() && a.getAddress().isLoopbackAddress()).orElse(false);
  }

  /** Marks the session as protected by TLS. */
  public void markSecure() {
    this.secure = true;
  }

  void setApopTimestamp(String timestamp) {
    this.apopTimestamp = timestamp;
  }

  void setUser(String user) {
    this.user = user;
  }
}
