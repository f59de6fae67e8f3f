package io.mdpop3j.core.protocol;

/** The states of a POP3 session (RFC 1939 section 3). */
public enum State {
  /** Before login. */
  AUTHORIZATION,
  /** Logged in, with a mailbox snapshot. */
  TRANSACTION,
  /** After QUIT in TRANSACTION, while the store applies deletions; no command is read. */
  UPDATE
}
