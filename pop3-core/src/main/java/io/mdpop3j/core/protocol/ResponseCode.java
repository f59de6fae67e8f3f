package io.mdpop3j.core.protocol;

/** Extended response codes (RFC 2449 section 8, RFC 3206). */
public enum ResponseCode {
  /** Credentials were wrong or not accepted (RFC 3206 section 5). */
  AUTH("AUTH"),
  /** A temporary server-side failure (RFC 3206 section 4). */
  SYS_TEMP("SYS/TEMP"),
  /** A permanent server-side failure (RFC 3206 section 4). */
  SYS_PERM("SYS/PERM"),
  /** The mailbox is locked by another session (RFC 2449 section 8.1.1). */
  IN_USE("IN-USE");

  private final String wire;

  ResponseCode(String wire) {
    this.wire = wire;
  }

  /** The code as sent, without brackets. */
  public String wire() {
    return wire;
  }
}
