package io.mdpop3j.core.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of one provider: short keys ({@code subdir}) that the outside world writes with the
 * provider's name in front ({@code maildir.subdir}), so errors name the full key.
 */
public final class Settings {
  private final String provider;
  private final Map<String, String> values;

  private Settings(String provider, Map<String, String> values) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.values = Map.copyOf(values);
  }

  /** Settings for {@code provider} from short keys. */
  public static Settings of(String provider, Map<String, String> shortKeys) {
    return new Settings(provider, shortKeys);
  }

  /** No settings for {@code provider}. */
  public static Settings empty(String provider) {
    return new Settings(provider, Map.of());
  }

  /**
   * Settings for {@code provider} picked from a map of full keys: {@code maildir.subdir=x} becomes
   * {@code subdir=x}; keys of other providers are ignored.
   */
  public static Settings fromPrefixed(String provider, Map<String, String> fullKeys) {
    String prefix = provider + ".";
    Map<String, String> picked = new LinkedHashMap<>();
    fullKeys.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            picked.put(k.substring(prefix.length()), v);
          }
        });
    return new Settings(provider, picked);
  }

  /** The provider these settings are for. */
  public String provider() {
    return provider;
  }

  /** The short keys and their values; unmodifiable. */
  public Map<String, String> asMap() {
    return values;
  }

  /** This with one more setting. */
  public Settings with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Settings(provider, copy);
  }

  /** Fails when a key is not one of {@code known}, listing the known ones. */
  public Settings requireOnly(Collection<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidSettingException(
            "unknown setting " + fullKey(key) + "; " + provider + " accepts " + listOf(known));
      }
    }
    return this;
  }

  /** The value of {@code key}, or {@code fallback} when unset. */
  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** The value of {@code key}; fails naming the key when unset. */
  public String require(String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new InvalidSettingException("setting " + fullKey(key) + " is required");
    }
    return value;
  }

  /** A boolean setting: {@code true/false}, {@code yes/no}, {@code on/off}. */
  public boolean getBoolean(String key, boolean fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  /** An integer setting within {@code [min, max]}. */
  public int getInt(String key, int fallback, int min, int max) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        throw invalid(key, value, "a whole number from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a whole number from " + min + " to " + max);
    }
  }

  /**
   * A duration: a number with a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (a bare
   * number is seconds).
   */
  public Duration getDuration(String key, Duration fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    Duration parsed = parseDuration(value.trim());
    if (parsed == null) {
      throw invalid(key, value, "a duration such as 30s, 500ms, 10m or 36h");
    }
    return parsed;
  }

  /** One of {@code accepted} (compared ignoring case), returned as written in {@code accepted}. */
  public String getChoice(String key, String fallback, Collection<String> accepted) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    for (String choice : accepted) {
      if (choice.equalsIgnoreCase(value.trim())) {
        return choice;
      }
    }
    throw invalid(key, value, "one of " + listOf(accepted));
  }

  /** An exception naming {@code key}, the bad {@code value} and what {@code expected}. */
  public InvalidSettingException invalid(String key, String value, String expected) {
    return new InvalidSettingException(
        "setting " + fullKey(key) + " has value '" + value + "'; expected " + expected);
  }

  /** The key as users write it, with the provider's name in front. */
  public String fullKey(String key) {
    return provider + "." + key;
  }

  private static Duration parseDuration(String text) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 12) {
      return null;
    }
    long n = Long.parseLong(text.substring(0, i));
    return switch (text.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "", "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> null;
    };
  }

  private String listOf(Collection<String> names) {
    Set<String> sorted = new TreeSet<>(names);
    return sorted.isEmpty() ? "no settings" : String.join(", ", sorted);
  }

  /**
   * The provider and its settings, with the value of any key naming a secret or password hidden.
   */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach(
        (key, value) ->
            shown.put(
                key,
                key.contains("secret") || key.contains("password") || key.contains("token")
                    ? "<hidden>"
                    : value));
    return provider + shown;
  }
}
