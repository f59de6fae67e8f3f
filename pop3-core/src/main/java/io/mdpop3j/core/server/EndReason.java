package io.mdpop3j.core.server;

/** How a session ended, as the session log line and {@link SessionListener} report it. */
public enum EndReason {
  /** The client said QUIT. */
  QUIT,
  /** The client closed the connection without QUIT. */
  DISCONNECTED,
  /** No complete command within the idle or login timeout. */
  IDLE_TIMEOUT,
  /** The client did not read a reply within the write timeout. */
  WRITE_TIMEOUT,
  /** Too many failed logins. */
  AUTH_FAILURES,
  /** Too many bad commands in a row. */
  BAD_COMMANDS,
  /** A line longer than the limit. */
  LINE_TOO_LONG,
  /** Input pipelined after STLS (RFC 2595 command injection guard). */
  STLS_INJECTION,
  /** The TLS handshake failed. */
  TLS_FAILED,
  /** The pre-authenticated mailbox could not be opened. */
  MAILBOX_UNAVAILABLE,
  /**
   * A connection from a trusted balancer did not start with a valid PROXY protocol header within
   * the header timeout; it was closed without a reply.
   */
  PROXY_HEADER_INVALID,
  /**
   * The client a trusted balancer's PROXY header named already had the most sessions one address
   * may have open. (A direct connection over the limit is refused as it is accepted, before it is a
   * session, and is not reported.)
   */
  SESSION_LIMIT,
  /** The server was closed. */
  SERVER_SHUTDOWN,
  /** An I/O error or a bug. */
  ERROR
}
