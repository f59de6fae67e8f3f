package io.mdpop3j.core.server;

/** When USER/PASS and AUTH PLAIN are allowed (Dovecot's {@code disable_plaintext_auth}). */
public enum PlaintextPolicy {
  /** Require TLS (or a loopback client) when the server has TLS configured; else allow. */
  AUTO,
  /** Always allow cleartext logins. */
  ALLOW,
  /** Require TLS or a loopback client. */
  REQUIRE_TLS
}
