package io.mdpop3j.auth.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How long the introspection cache keeps an active token, and how many. */
class IntrospectionCacheTest {

  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final StepClock clock = new StepClock();

  @Test
  void anActiveTokenIsKeptForTheTimeToLive() {
    IntrospectionCache cache = new IntrospectionCache(Duration.ofSeconds(30), 10, clock);
    cache.put("token", "alice", Optional.empty());

    clock.advance(Duration.ofSeconds(29));
    assertEquals(Optional.of("alice"), cache.user("token"));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), cache.user("token"));
  }

  @Test
  void aTokenIsNeverKeptBeyondItsExpiry() {
    IntrospectionCache cache = new IntrospectionCache(Duration.ofSeconds(30), 10, clock);
    cache.put("token", "alice", Optional.of(clock.instant().plusSeconds(5)));

    clock.advance(Duration.ofSeconds(5));

    assertEquals(Optional.empty(), cache.user("token"));
  }

  @Test
  void theLeastRecentlyUsedTokenLeavesWhenTheCacheIsFull() {
    IntrospectionCache cache = new IntrospectionCache(Duration.ofSeconds(30), 2, clock);
    cache.put("one", "alice", Optional.empty());
    cache.put("two", "bob", Optional.empty());
    cache.user("one");

    cache.put("three", "carol", Optional.empty());

    assertEquals(Optional.of("alice"), cache.user("one"));
    assertEquals(Optional.empty(), cache.user("two"));
    assertEquals(2, cache.size());
  }

  @Test
  void aZeroTimeToLiveKeepsNothing() {
    IntrospectionCache cache = new IntrospectionCache(Duration.ZERO, 10, clock);
    cache.put("token", "alice", Optional.empty());

    assertEquals(Optional.empty(), cache.user("token"));
  }
}
