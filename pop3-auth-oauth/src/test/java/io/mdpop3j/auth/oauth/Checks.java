package io.mdpop3j.auth.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.BearerTokenValidator.Invalid;
import io.mdpop3j.core.spi.BearerTokenValidator.TokenCheck;
import io.mdpop3j.core.spi.BearerTokenValidator.Unavailable;
import io.mdpop3j.core.spi.BearerTokenValidator.Valid;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.TestSession;
import java.util.Map;

/** Assertions on what a validator found; reasons are checked never to carry the token. */
final class Checks {
  private Checks() {}

  static Settings oauth(Map<String, String> shortKeys) {
    return Settings.of("oauth", shortKeys);
  }

  static TokenCheck check(BearerTokenValidator validator, String token, String claimedUser) {
    return validator.check(TestSession.plain().secure(), token, claimedUser);
  }

  static void assertValid(String user, TokenCheck check) {
    assertEquals(new Valid(user), check);
  }

  /** Invalid, for a reason that mentions {@code fragment} and does not contain the token. */
  static void assertInvalid(String fragment, String token, TokenCheck check) {
    Invalid invalid = assertInstanceOf(Invalid.class, check, String.valueOf(check));
    assertTrue(invalid.reason().contains(fragment), invalid.reason());
    assertNoTokenIn(invalid.reason(), token);
  }

  static void assertUnavailable(String fragment, String token, TokenCheck check) {
    Unavailable unavailable = assertInstanceOf(Unavailable.class, check, String.valueOf(check));
    assertTrue(unavailable.reason().contains(fragment), unavailable.reason());
    assertNoTokenIn(unavailable.reason(), token);
  }

  /** Not the token, nor its signature, nor its longest part. */
  private static void assertNoTokenIn(String reason, String token) {
    assertFalse(reason.contains(token), reason);
    for (String part : token.split("\\.", 0)) {
      if (part.length() >= 16) {
        assertFalse(reason.contains(part), reason);
      }
    }
  }
}
