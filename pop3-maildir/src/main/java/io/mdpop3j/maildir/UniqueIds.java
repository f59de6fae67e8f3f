package io.mdpop3j.maildir;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The UIDL rule: a message's unique-id is its base name (the file name up to {@code :}), as
 * qmail-pop3d and Dovecot's {@code %{filename}} give it, so clients that leave mail on the server
 * keep their state when a site moves here. A base name that is not a valid RFC 1939 unique-id
 * (section 7: 1 to 70 characters from 0x21 to 0x7E) gets the core's stable replacement instead:
 * {@code h-} and the first 40 hex digits of the SHA-256 of its bytes. The bytes are the file name's
 * own, whatever the locale: for a UTF-8 name they are its UTF-8 bytes, which is what the core's
 * {@link io.mdpop3j.core.wire.UniqueIds#digest} hashes, so both agree.
 */
final class UniqueIds {

  private UniqueIds() {}

  /** The unique-id of a message whose base name is the byte string {@code baseName}. */
  static String of(String baseName) {
    return isValid(baseName) ? baseName : digest(baseName);
  }

  /** Whether {@code id} may be sent as it is. */
  static boolean isValid(String id) {
    return io.mdpop3j.core.wire.UniqueIds.isValid(id);
  }

  /** {@code h-} and 40 hex digits of the SHA-256 of the bytes of the byte string {@code name}. */
  static String digest(String name) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(RawFileNames.bytes(name));
      return "h-" + HexFormat.of().formatHex(hash, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
