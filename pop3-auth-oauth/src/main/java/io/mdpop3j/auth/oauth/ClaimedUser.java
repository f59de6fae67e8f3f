package io.mdpop3j.auth.oauth;

import io.mdpop3j.core.spi.BearerTokenValidator.Invalid;
import io.mdpop3j.core.spi.BearerTokenValidator.TokenCheck;
import io.mdpop3j.core.spi.BearerTokenValidator.Valid;

/** The last step of every check: a user the client named must be the token's own. */
final class ClaimedUser {

  private ClaimedUser() {}

  /**
   * {@code Valid(tokenUser)} when the client named nobody or the same user; otherwise invalid (RFC
   * 7628 section 3.1: the authorization identity must be one the token may act for).
   */
  static TokenCheck match(String tokenUser, String claimedUser) {
    if (claimedUser == null || claimedUser.isEmpty() || claimedUser.equals(tokenUser)) {
      return new Valid(tokenUser);
    }
    return new Invalid(
        "the token is for user '"
            + LogText.of(tokenUser)
            + "', not for the named user '"
            + LogText.of(claimedUser)
            + "'");
  }
}
