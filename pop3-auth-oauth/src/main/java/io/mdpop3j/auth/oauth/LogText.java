package io.mdpop3j.auth.oauth;

/**
 * Values from a token or an HTTP answer made fit for a log line: control characters become {@code
 * ?} (no forged lines) and long values are cut.
 */
final class LogText {

  private static final int MAX = 120;

  private LogText() {}

  static String of(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX + 3));
    for (int i = 0; i < value.length() && i < MAX; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > MAX) {
      out.append("...");
    }
    return out.toString();
  }
}
