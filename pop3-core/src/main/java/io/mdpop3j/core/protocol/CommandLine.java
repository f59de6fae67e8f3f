package io.mdpop3j.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One client command line split into its keyword and the rest (RFC 1939 section 3): keywords are
 * case-insensitive; the argument is everything after the first space, so that PASS can take a
 * password with spaces.
 *
 * @param keyword the keyword in upper case
 * @param argument the text after the first space, or empty
 */
public record CommandLine(String keyword, String argument) {

  /** RFC 2449 section 4: a keyword is at most 4 characters; we allow a little more for errors. */
  public static final int MAX_KEYWORD_LENGTH = 4;

  /** Splits {@code line} (without CRLF). */
  public static CommandLine parse(String line) {
    int space = line.indexOf(' ');
    String keyword = space < 0 ? line : line.substring(0, space);
    String argument = space < 0 ? "" : line.substring(space + 1);
    return new CommandLine(keyword.toUpperCase(Locale.ROOT), argument);
  }

  /**
   * The argument as text: lines carry one char per octet, and user names are UTF-8 (RFC 6856
   * clients send UTF-8; a name that is not valid UTF-8 gets U+FFFD and is refused).
   */
  public String argumentText() {
    return new String(argumentBytes(), StandardCharsets.UTF_8);
  }

  /** The argument as the octets the client sent. */
  public byte[] argumentBytes() {
    return argument.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether the command has no argument at all. */
  public boolean hasArgument() {
    return !argument.isEmpty();
  }

  /** The keyword as safe to show in a reply: printable ASCII only, at most 16 characters. */
  public String printableKeyword() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keyword.length() && out.length() < 16; i++) {
      char c = keyword.charAt(i);
      out.append(c > 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
