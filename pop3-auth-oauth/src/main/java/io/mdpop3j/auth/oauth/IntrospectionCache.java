package io.mdpop3j.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens the endpoint recently called active, and whose they are, so a client that retries does not
 * cost one introspection call per try. Only active tokens are kept, each until the sooner of {@code
 * timeToLive} and its own expiry; at most {@code maxEntries}, the least recently used leaving
 * first. Keys are SHA-256 digests: the tokens themselves are not kept.
 */
final class IntrospectionCache {

  private record Remembered(String user, Instant until) {}

  private final Duration timeToLive;
  private final Clock clock;
  private final Map<String, Remembered> entries;

  IntrospectionCache(Duration timeToLive, int maxEntries, Clock clock) {
    this.timeToLive = timeToLive;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The user of {@code token} if it was found active within the time to live. */
  synchronized Optional<String> user(String token) {
    if (timeToLive.isZero()) {
      return Optional.empty();
    }
    String key = digest(token);
    Remembered entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** Keeps {@code token} as active for {@code user}, no longer than {@code expiry} if known. */
  synchronized void put(String token, String user, Optional<Instant> expiry) {
    if (timeToLive.isZero()) {
      return;
    }
    Instant until = clock.instant().plus(timeToLive);
    if (expiry.isPresent() && expiry.get().isBefore(until)) {
      until = expiry.get();
    }
    entries.put(digest(token), new Remembered(user, until));
  }

  synchronized int size() {
    return entries.size();
  }

  private static String digest(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
