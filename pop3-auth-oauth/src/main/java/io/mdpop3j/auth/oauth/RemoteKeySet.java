package io.mdpop3j.auth.oauth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.jwk.source.RetryingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A JSON Web Key Set fetched over HTTP(S) and kept for {@code timeToLive}; refreshed in the
 * background shortly before it expires, and at once when a token names a key it lacks (key
 * rotation) — but at most twice per {@link #rateLimit} so forged key ids cannot make the server
 * hammer the authorization server. A failed fetch is tried once more.
 */
final class RemoteKeySet implements JWKSource<SecurityContext> {
  /** A key set larger than this is refused (nimbus's own default is 50 KiB). */
  static final int MAX_SIZE = 256 * 1024;

  private static final Duration MOST_RATE_LIMIT = Duration.ofSeconds(30);
  private static final Duration MOST_REFRESH_AHEAD = Duration.ofSeconds(30);

  private final long timeToLive;
  private final long rateLimit;
  private final JWKSource<SecurityContext> keys;

  /** When a fetch last succeeded (epoch millis), 0 before the first. */
  private volatile long lastFetched;

  /**
   * @param timeToLive how long a fetched set is used; at least one second
   * @param timeout for connecting, and again for reading the answer
   */
  RemoteKeySet(URL url, Duration timeToLive, Duration timeout) {
    this.timeToLive = timeToLive.toMillis();
    this.rateLimit = Math.min(MOST_RATE_LIMIT.toMillis(), this.timeToLive / 2);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    JWKSetSource<SecurityContext> source =
        new URLBasedJWKSetSource<>(url, new DefaultResourceRetriever(millis, millis, MAX_SIZE));
    source = new FetchTimes(source);
    source = new RetryingJWKSetSource<>(source, null);
    source = new RateLimitedJWKSetSource<>(source, rateLimit, null);
    // Other checks wait for a refresh under way at most this long: a connect and a read.
    long refreshTimeout = Math.min(2 * (long) millis + 1000, this.timeToLive / 2);
    long refreshAhead = Math.min(MOST_REFRESH_AHEAD.toMillis(), this.timeToLive / 4);
    source =
        new RefreshAheadCachingJWKSetSource<>(
            source,
            this.timeToLive,
            refreshTimeout,
            refreshAhead,
            false,
            refreshThread(),
            true,
            null);
    this.keys = new JWKSetBasedJWKSource<>(source);
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    try {
      return keys.get(selector, context);
    } catch (RateLimitReachedException e) {
      // The set was fetched moments ago and still lacks the token's key: no such key. Without a
      // set in hand (the last fetches failed) the key set is simply unavailable.
      long fetched = lastFetched;
      if (fetched > 0 && System.currentTimeMillis() - fetched < timeToLive) {
        return List.of();
      }
      throw new KeySourceException(
          "the last fetch failed, and fetches are " + rateLimit + " ms apart at least", e);
    }
  }

  /** The one background thread that refreshes ahead of expiry; a daemon, gone when idle. */
  private static ThreadPoolExecutor refreshThread() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "oauth-jwks-refresh");
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Notes when a fetch succeeded, to tell "no such key" from "no key set" under rate limiting. */
  private final class FetchTimes extends JWKSetSourceWrapper<SecurityContext> {
    FetchTimes(JWKSetSource<SecurityContext> source) {
      super(source);
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      JWKSet set = getSource().getJWKSet(refreshEvaluator, currentTime, context);
      lastFetched = System.currentTimeMillis();
      return set.toPublicJWKSet();
    }
  }
}
