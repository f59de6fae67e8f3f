package io.mdpop3j.auth.oauth;

import io.mdpop3j.core.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which claim of a token names the POP3 user: the first of {@code names} that the token has. That
 * claim's value must be a non-empty string; a later name is not tried when an earlier claim is
 * present but unusable, so one token can never be read in two namespaces.
 */
record UserClaim(List<String> names) {

  static final String KEY = "user-claim";

  UserClaim {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no claim names");
    }
  }

  /** The claim names in {@code user-claim} (comma-separated), or {@code fallback}. */
  static UserClaim from(Settings settings, String fallback) {
    String value = settings.get(KEY, fallback);
    List<String> names = new ArrayList<>();
    for (String name : value.split(",", -1)) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        throw settings.invalid(KEY, value, "claim names separated by commas, such as " + fallback);
      }
      names.add(trimmed);
    }
    return new UserClaim(names);
  }

  /** The user the claims name, or empty when the first claim present is not a non-empty string. */
  Optional<String> userIn(Map<String, Object> claims) {
    for (String name : names) {
      Object value = claims.get(name);
      if (value != null) {
        return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** For reasons in the log: {@code preferred_username} or {@code username or sub}. */
  String describe() {
    return String.join(" or ", names);
  }
}
