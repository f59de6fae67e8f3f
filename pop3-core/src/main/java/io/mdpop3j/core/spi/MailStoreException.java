package io.mdpop3j.core.spi;

import java.util.Objects;

/** A mailbox could not be opened or changed; {@link #kind()} picks the RFC 3206 response code. */
public class MailStoreException extends Exception {

  /** The kind of failure, which decides what the client is told. */
  public enum Kind {
    /** Another session holds the mailbox: {@code -ERR [IN-USE]}. */
    IN_USE,
    /** Likely to go away if the client tries again later: {@code -ERR [SYS/TEMP]}. */
    TEMPORARY,
    /** Will not go away without an administrator: {@code -ERR [SYS/PERM]}. */
    PERMANENT
  }

  private final Kind kind;

  /**
   * Creates an exception; {@code message} is shown to the client, so it must not reveal paths or
   * secrets. Put details for the log in {@code cause} or log them before throwing.
   */
  public MailStoreException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** As {@link #MailStoreException(Kind, String)}, with the underlying cause for the log. */
  public MailStoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
  }
}
