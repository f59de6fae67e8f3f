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
  /** The server was closed. */
  SERVER_SHUTDOWN,
  /** An I/O error or a bug. */
  ERROR
}
