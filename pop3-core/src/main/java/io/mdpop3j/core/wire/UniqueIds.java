package io.mdpop3j.core.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The RFC 1939 section 7 rule for unique-ids: 1 to 70 characters from 0x21 to 0x7E, and a stable
 * replacement for ids that break it.
 */
public final class UniqueIds {

  /** The longest unique-id RFC 1939 allows. */
  public static final int MAX_LENGTH = 70;

  private UniqueIds() {}

  /** Whether {@code id} is a valid unique-id. */
  public static boolean isValid(String id) {
    int n = id.length();
    if (n < 1 || n > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * A valid id that always stands for {@code id}: {@code id} itself when valid, else {@code "h-"}
   * and 40 hex digits of the SHA-256 of its UTF-8 bytes.
   */
  public static String validOrDigest(String id) {
    return isValid(id) ? id : digest(id);
  }

  /** {@code "h-"} and 40 hex digits of the SHA-256 of {@code id}'s UTF-8 bytes. */
  public static String digest(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "h-" + HexFormat.of().formatHex(hash, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
