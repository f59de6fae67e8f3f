package io.mdpop3j.auth.oauth;

import io.mdpop3j.core.spi.Settings;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Readings of the settings both validators share: URLs and durations with their limits. */
final class OAuthSettings {

  private static final Logger log = LoggerFactory.getLogger(OAuthSettings.class);

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private OAuthSettings() {}

  /** An http or https URL; plain http to a host other than the loopback one is logged. */
  static URL httpUrl(Settings settings, String key) {
    String value = settings.require(key);
    URI uri = parseUri(value);
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
    URL url = toUrl(uri);
    if (!List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || url == null) {
      throw settings.invalid(key, value, "an http:// or https:// URL");
    }
    if (scheme.equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
      log.warn(
          "{} is plain http: anyone on the path can read or replace what it answers; use https",
          settings.fullKey(key));
    }
    return url;
  }

  private static URI parseUri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static URL toUrl(URI uri) {
    try {
      return uri == null || !uri.isAbsolute() ? null : uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The values of {@code key} separated by commas (issuer URLs and audiences hold none); empty when
   * unset.
   */
  static Set<String> values(Settings settings, String key) {
    String value = settings.get(key, "");
    Set<String> values = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      if (!part.isBlank()) {
        values.add(part.strip());
      } else if (!value.isEmpty()) {
        throw settings.invalid(key, value, "values separated by commas");
      }
    }
    return values;
  }

  /** As {@link #values}, but at least one. */
  static Set<String> requiredValues(Settings settings, String key) {
    settings.require(key);
    return values(settings, key);
  }

  /** A duration above zero, or {@code fallback}. */
  static Duration positive(Settings settings, String key, Duration fallback) {
    Duration value = settings.getDuration(key, fallback);
    if (value.isZero() || value.isNegative()) {
      throw settings.invalid(key, settings.get(key, ""), "a duration above 0, such as 5s");
    }
    return value;
  }

  /** A duration of at least {@code least}, or {@code fallback}. */
  static Duration atLeast(Settings settings, String key, Duration fallback, Duration least) {
    Duration value = settings.getDuration(key, fallback);
    if (value.compareTo(least) < 0) {
      throw settings.invalid(
          key, settings.get(key, ""), "a duration of at least " + least.toMillis() + "ms");
    }
    return value;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }
}
