package io.mdpop3j.junit;

import io.mdpop3j.core.wire.UserNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Why the server would refuse a user name or password at login, said when a test adds the user
 * rather than as a bare {@code -ERR} later.
 */
final class UserNameRules {

  private UserNameRules() {}

  /** Throws, naming the problem, when no client could ever log in as {@code user}. */
  static void checkUser(String user) {
    Optional<String> problem = problemWith(user);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "user name '"
              + printable(user)
              + "' "
              + problem.get()
              + "; use a plain login like alice");
    }
  }

  /** Throws, naming the problem, when no client could ever send {@code password}. */
  static void checkPassword(String user, String password) {
    String problem = null;
    if (password.isEmpty()) {
      problem = "is empty, and the server refuses empty passwords at login";
    } else if (password.indexOf('\r') >= 0 || password.indexOf('\n') >= 0) {
      problem = "holds a line break, which no PASS command can carry (RFC 1939 section 3)";
    } else if (password.indexOf('\0') >= 0) {
      problem = "holds a NUL, which AUTH PLAIN uses as its separator (RFC 4616)";
    }
    if (problem != null) {
      throw new IllegalArgumentException("the password of '" + user + "' " + problem);
    }
  }

  private static Optional<String> problemWith(String user) {
    if (user.isEmpty()) {
      return Optional.of("is empty");
    }
    int octets = user.getBytes(StandardCharsets.UTF_8).length;
    if (octets > UserNames.MAX_OCTETS) {
      return Optional.of(
          "is " + octets + " octets long; the server accepts at most " + UserNames.MAX_OCTETS);
    }
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c == ' ') {
        return Optional.of(
            "contains a space (at index "
                + i
                + "), which the server refuses at login: USER takes one word (RFC 1939 section 7)");
      }
      if (c < 0x21 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return Optional.of(
            "contains the control character U+"
                + String.format("%04X", (int) c)
                + " (at index "
                + i
                + "), which the server refuses at login");
      }
      if (c == '/') {
        return Optional.of(
            "contains '/' (at index " + i + "), which the server refuses: it could leave a home");
      }
      if (c == '\uFFFD') {
        return Optional.of(
            "contains U+FFFD, the mark of bytes that were not UTF-8, which the server refuses");
      }
    }
    // The server's own rule has the last word, should it grow stricter than the reasons above.
    return UserNames.isAcceptable(user)
        ? Optional.empty()
        : Optional.of("is refused by the server's user name rule (UserNames.isAcceptable)");
  }

  /** The name with control characters shown as escapes, for an error text. */
  static String printable(String user) {
    StringBuilder out = new StringBuilder(user.length());
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
