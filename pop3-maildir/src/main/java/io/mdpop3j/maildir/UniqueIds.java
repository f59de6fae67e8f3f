package io.mdpop3j.maildir;

/**
 * The UIDL rule: a message's unique-id is its base name (the file name up to {@code :}), as
 * qmail-pop3d and Dovecot's {@code %{filename}} give it, so clients that leave mail on the server
 * keep their state when a site moves here. A base name that is not a valid RFC 1939 unique-id
 * (section 7: 1 to 70 characters from 0x21 to 0x7E) gets the core's stable replacement instead:
 * {@code h-} and the first 40 hex digits of the SHA-256 of its UTF-8 bytes.
 */
final class UniqueIds {

  private UniqueIds() {}

  /** The unique-id of a message whose base name is {@code baseName}. */
  static String of(String baseName) {
    return io.mdpop3j.core.protocol.UniqueIds.validOrDigest(baseName);
  }

  /** Whether {@code id} may be sent as it is. */
  static boolean isValid(String id) {
    return io.mdpop3j.core.protocol.UniqueIds.isValid(id);
  }

  /** The replacement id of an invalid base name. */
  static String digest(String baseName) {
    return io.mdpop3j.core.protocol.UniqueIds.digest(baseName);
  }
}
