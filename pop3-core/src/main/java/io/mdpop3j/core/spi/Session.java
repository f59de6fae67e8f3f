package io.mdpop3j.core.spi;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A read-only view of one POP3 session, handed to plug-ins. */
public interface Session {

  /** A short identifier unique within this server, used in logs. */
  String id();

  /** The client's address, when known (absent for a plain stdin/stdout session). */
  Optional<InetSocketAddress> remoteAddress();

  /** The server's address the client connected to, when known. */
  Optional<InetSocketAddress> localAddress();

  /** Whether the connection is protected by TLS (implicit or after STLS). */
  boolean isSecure();

  /** The APOP timestamp sent in the greeting, including the angle brackets, if one was sent. */
  Optional<String> apopTimestamp();

  /** The user name once the client has named one (USER, APOP or AUTH). */
  Optional<String> user();

  /** Attributes set by the host application for this session; never null, unmodifiable. */
  Map<String, String> attributes();
}
