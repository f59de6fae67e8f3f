package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.PlaintextPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the argument of one option into the value it stands for; every refusal is a one-line {@link
 * UsageException} naming the option, the value and what would be right.
 */
final class OptionArguments {
  private OptionArguments() {}

  /** The argument itself, which must not be empty. */
  static String nonEmpty(String option, String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException("option " + option + " needs a non-empty argument");
    }
    return value;
  }

  /** A switch: on, yes, true or 1; off, no, false or 0. */
  static boolean onOff(String option, String text) throws UsageException {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "on", "yes", "true", "1" -> true;
      case "off", "no", "false", "0" -> false;
      default ->
          throw new UsageException("option " + option + " needs on or off, not '" + text + "'");
    };
  }

  /** A duration as mdpop3d writes it (seconds) or with a unit: 60, 90s, 500ms, 10m, 1h. */
  static Duration duration(String option, String text) throws UsageException {
    String t = text.trim();
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 9) {
      throw notADuration(option, text);
    }
    long n = Long.parseLong(t.substring(0, i));

    Duration d =
        switch (t.substring(i)) {
          case "", "s" -> Duration.ofSeconds(n);
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> throw notADuration(option, text);
        };
    if (d.isZero()) {
      throw new UsageException("option " + option + " must be more than 0, not '" + text + "'");
    }
    return d;
  }

  /** A duration as {@link #duration}, or {@code 0} for none. */
  static Duration durationOrZero(String option, String text) throws UsageException {
    return text.trim().equals("0") ? Duration.ZERO : duration(option, text);
  }

  private static UsageException notADuration(String option, String text) {
    return new UsageException(
        "option "
            + option
            + " needs a duration such as 60 (seconds), 90s or 10m, not '"
            + text
            + "'");
  }

  /** A whole number of at least 1. */
  static int count(String option, String v) throws UsageException {
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException(
        "option " + option + " needs a whole number of at least 1, not '" + v + "'");
  }

  /** A comma-separated list, blanks dropped. */
  static String[] list(String v) {
    return Arrays.stream(v.split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toArray(String[]::new);
  }

  /** {@code auto}, {@code allow} or {@code require-tls}. */
  static PlaintextPolicy plaintext(String option, String v) throws UsageException {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "auto" -> PlaintextPolicy.AUTO;
      case "allow" -> PlaintextPolicy.ALLOW;
      case "require-tls" -> PlaintextPolicy.REQUIRE_TLS;
      default ->
          throw new UsageException(
              "option " + option + " needs auto, allow or require-tls, not '" + v + "'");
    };
  }

  /** The first line of the file {@code file} names (empty for an empty file). */
  static String firstLine(String option, String file) throws UsageException {
    try {
      List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      throw new UsageException("option " + option + ": cannot read " + file + " (" + e + ")");
    }
  }
}
