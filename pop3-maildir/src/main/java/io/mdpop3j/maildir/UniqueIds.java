package io.mdpop3j.maildir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The UIDL rule: a message's unique-id is its base name (the file name up to {@code :}), as
 * qmail-pop3d and Dovecot's {@code %{filename}} give it, so clients that leave mail on the server
 * keep their state. A base name that is not a valid RFC 1939 unique-id (section 7: 1 to 70
 * characters from 0x21 to 0x7E) gets {@code ~} followed by the 64 lower-case hex digits of the
 * SHA-256 of its UTF-8 bytes: stable, and 65 characters long.
 */
final class UniqueIds {

  /** RFC 1939 section 7: a unique-id is at most 70 characters. */
  static final int MAX_LENGTH = 70;

  private UniqueIds() {}

  /** The unique-id of a message whose base name is {@code baseName}. */
  static String of(String baseName) {
    return isValid(baseName) ? baseName : digest(baseName);
  }

  /** Whether {@code id} may be sent as it is. */
  static boolean isValid(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  static String digest(String baseName) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(baseName.getBytes(StandardCharsets.UTF_8));
      return "~" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
