package io.mdpop3j.junit;

import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.Session;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens one running server accepts (OAUTHBEARER, XOAUTH2): those its extension issued
 * with {@link Pop3Extension#issueToken}, each for one user and, if asked, until an expiry. It tells
 * the test, never the client, why a token was refused.
 */
final class IssuedTokens implements BearerTokenValidator {

  /** One issued token's owner and end. */
  private record Issued(String user, Optional<Instant> expiry) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final SessionRecorder recorder;
  private final Clock clock;

  IssuedTokens(SessionRecorder recorder, Clock clock) {
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * A new token for {@code user}, valid for {@code validFor} or, when empty, until the server
   * stops.
   */
  String issue(String user, Optional<Duration> validFor) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    // Shaped like a real access token: printable, no spaces, nothing a client would escape.
    String token = "pop3-junit." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.put(token, new Issued(user, validFor.map(d -> clock.instant().plus(d))));
    return token;
  }

  /** Stops {@code token} from working; returns whether it was one of this server's. */
  boolean revoke(String token) {
    return tokens.remove(token) != null;
  }

  @Override
  public TokenCheck check(Session session, String token, String claimedUser) {
    Issued issued = tokens.get(token);
    if (issued == null) {
      return refuse(session, "a bearer token this extension did not issue (or revoked)");
    }
    if (issued.expiry().isPresent() && !clock.instant().isBefore(issued.expiry().get())) {
      return refuse(
          session,
          "the bearer token for '" + issued.user() + "' expired at " + issued.expiry().get());
    }
    if (!claimedUser.isEmpty() && !claimedUser.equals(issued.user())) {
      return refuse(
          session,
          "the bearer token is for '"
              + issued.user()
              + "', but the client logged in as '"
              + UserNameRules.printable(claimedUser)
              + "'");
    }
    return new Valid(issued.user());
  }

  private TokenCheck refuse(Session session, String why) {
    recorder.loginFailed(session, why);
    return new Invalid(why);
  }
}
