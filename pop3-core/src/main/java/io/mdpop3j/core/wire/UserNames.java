package io.mdpop3j.core.wire;

import java.nio.charset.StandardCharsets;

/** Which user names may reach a plug-in at all. */
public final class UserNames {

  /** The longest user name accepted, in octets. */
  public static final int MAX_OCTETS = 255;

  private UserNames() {}

  /**
   * Whether {@code user} is non-empty, at most {@link #MAX_OCTETS} octets of UTF-8, and free of
   * control characters, NUL, {@code /} and spaces (which could walk out of a home directory or
   * split a log line).
   */
  public static boolean isAcceptable(String user) {
    if (user.isEmpty() || user.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
      return false;
    }
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '/' || (c >= 0x80 && c < 0xa0) || c == '\uFFFD') {
        return false;
      }
    }
    return true;
  }
}
