package io.mdpop3j.core.spi;

import java.util.Objects;

/**
 * Checks OAuth 2.0 bearer tokens (OAUTHBEARER, XOAUTH2) and says whose they are. With one set, the
 * server offers the bearer-token mechanisms; a valid token's user then gets the account the
 * authenticator gives for a {@link Credentials.Verified} login.
 *
 * <p>Implementations must be thread-safe and may block (a JWKS fetch, an introspection call); they
 * never log a token.
 */
public interface BearerTokenValidator {

  /**
   * Checks {@code token}; {@code claimedUser} is the user the client named alongside it, empty when
   * it named none. A token valid for another user than the one named is invalid.
   */
  TokenCheck check(Session session, String token, String claimedUser);

  /** What a check found. */
  sealed interface TokenCheck permits Valid, Invalid, Unavailable {}

  /** The token is good and belongs to {@code user}. */
  record Valid(String user) implements TokenCheck {
    public Valid {
      Objects.requireNonNull(user, "user");
    }
  }

  /** The token is expired, forged, for another audience or user, or unknown; for the log. */
  record Invalid(String reason) implements TokenCheck {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The token could not be checked now (the key set or the introspection endpoint is down). */
  record Unavailable(String reason) implements TokenCheck {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
