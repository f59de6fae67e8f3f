package io.mdpop3j.auth.oauth;

import io.mdpop3j.auth.oauth.IntrospectionEndpoint.Answer;
import io.mdpop3j.auth.oauth.IntrospectionEndpoint.Claims;
import io.mdpop3j.auth.oauth.IntrospectionEndpoint.Down;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the authorization server whether a token is active (RFC 7662), then checks what it answers:
 * not expired (nor not yet valid), from one of the issuers and for one of the audiences when those
 * are set, and naming a user. Active tokens are remembered for a short while.
 */
final class IntrospectionTokenValidator implements BearerTokenValidator {

  private final IntrospectionEndpoint endpoint;
  private final IntrospectionCache cache;
  private final UserClaim userClaim;
  private final Set<String> issuers;
  private final Set<String> audiences;
  private final Duration clockSkew;
  private final Clock clock;

  IntrospectionTokenValidator(
      IntrospectionEndpoint endpoint,
      IntrospectionCache cache,
      UserClaim userClaim,
      Set<String> issuers,
      Set<String> audiences,
      Duration clockSkew,
      Clock clock) {
    this.endpoint = endpoint;
    this.cache = cache;
    this.userClaim = userClaim;
    this.issuers = Set.copyOf(issuers);
    this.audiences = Set.copyOf(audiences);
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  @Override
  public TokenCheck check(Session session, String token, String claimedUser) {
    Optional<String> known = cache.user(token);
    if (known.isPresent()) {
      return ClaimedUser.match(known.get(), claimedUser);
    }
    Answer answer = endpoint.introspect(token);
    if (answer instanceof Down down) {
      return new Unavailable(down.reason());
    }
    Map<String, Object> claims = ((Claims) answer).values();
    TokenCheck verdict = judge(claims);
    if (verdict instanceof Valid valid) {
      cache.put(token, valid.user(), seconds(claims.get("exp")));
      return ClaimedUser.match(valid.user(), claimedUser);
    }
    return verdict;
  }

  /** Valid with the token's user, or why not; the claimed user is not looked at here. */
  private TokenCheck judge(Map<String, Object> claims) {
    // RFC 7662 section 2.2: only the boolean true means active.
    if (!Boolean.TRUE.equals(claims.get("active"))) {
      return new Invalid("the introspection endpoint says the token is not active");
    }
    Instant now = clock.instant();
    Optional<Instant> expiry = seconds(claims.get("exp"));
    if (claims.containsKey("exp") && expiry.isEmpty()) {
      return new Invalid("the introspection answer's exp is not a number");
    }
    if (expiry.isPresent() && now.isAfter(expiry.get().plus(clockSkew))) {
      return new Invalid("the token expired at " + expiry.get());
    }
    Optional<Instant> notBefore = seconds(claims.get("nbf"));
    if (notBefore.isPresent() && now.plus(clockSkew).isBefore(notBefore.get())) {
      return new Invalid("the token is not valid before " + notBefore.get());
    }
    if (!issuers.isEmpty() && !issuers.contains(claims.get("iss"))) {
      return new Invalid("the token's iss is not a configured issuer");
    }
    if (!audiences.isEmpty()
        && audiencesOf(claims.get("aud")).stream().noneMatch(audiences::contains)) {
      return new Invalid("the token's aud holds no configured audience");
    }
    Optional<String> user = userClaim.userIn(claims);
    if (user.isEmpty()) {
      return new Invalid("the introspection answer has no string claim " + userClaim.describe());
    }
    return new Valid(user.get());
  }

  /** RFC 7662 section 2.2: aud is a string or an array of strings. */
  private static List<?> audiencesOf(Object aud) {
    if (aud instanceof String single) {
      return List.of(single);
    }
    return aud instanceof List<?> many ? many : List.of();
  }

  /** A NumericDate (RFC 7519 section 2): seconds since the epoch. */
  private static Optional<Instant> seconds(Object value) {
    if (value instanceof Number n) {
      return Optional.of(Instant.ofEpochSecond(n.longValue()));
    }
    return Optional.empty();
  }
}
