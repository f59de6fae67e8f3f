package io.mdpop3j.auth.oauth;

import static io.mdpop3j.auth.oauth.Checks.assertInvalid;
import static io.mdpop3j.auth.oauth.Checks.assertUnavailable;
import static io.mdpop3j.auth.oauth.Checks.assertValid;
import static io.mdpop3j.auth.oauth.Checks.check;
import static io.mdpop3j.auth.oauth.Checks.oauth;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.AUDIENCE;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.ISSUER_ID;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.userClaims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.BearerTokenValidator.Invalid;
import io.mdpop3j.core.spi.BearerTokenValidator.TokenCheck;
import io.mdpop3j.core.spi.BearerTokenValidator.Valid;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code jwt} validator against a real OpenID provider's JWKS and token endpoints. */
class JwtTokenValidatorTest {
  private static LocalOpenIdProvider provider;

  @BeforeAll
  static void startProvider() {
    provider = LocalOpenIdProvider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  static BearerTokenValidator validatorFor(LocalOpenIdProvider idp, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("jwks", idp.jwksUrl());
    settings.put("issuer", idp.issuer());
    settings.put("audience", AUDIENCE);
    settings.putAll(extra);
    return new JwtTokenValidatorProvider().create(oauth(settings));
  }

  private static BearerTokenValidator validator() {
    return validatorFor(provider, Map.of());
  }

  @Test
  void aTokenFromTheTokenEndpointIsValidForItsUser() {
    String token = provider.tokenFor("alice");

    assertValid("alice", check(validator(), token, ""));
  }

  @Test
  void theUserTheClientNamesMustBeTheTokensUser() {
    BearerTokenValidator validator = validator();
    String token = provider.tokenFor("alice");

    assertValid("alice", check(validator, token, "alice"));
    assertInvalid("'alice', not for the named user 'bob'", token, check(validator, token, "bob"));
  }

  @Test
  void anExpiredTokenIsInvalid() {
    String token = provider.token(ISSUER_ID, List.of(AUDIENCE), userClaims("alice"), -3600);

    assertInvalid("Expired JWT", token, check(validator(), token, ""));
  }

  @Test
  void aTokenExpiredWithinTheClockSkewIsStillValid() {
    String token = provider.token(ISSUER_ID, List.of(AUDIENCE), userClaims("alice"), -5);

    assertValid("alice", check(validator(), token, ""));
    assertInvalid(
        "Expired JWT", token, check(validatorFor(provider, Map.of("clock-skew", "0s")), token, ""));
  }

  @Test
  void aTokenForAnotherAudienceIsInvalid() {
    String token = provider.token(ISSUER_ID, List.of("webmail"), userClaims("alice"), 3600);

    assertInvalid("aud", token, check(validator(), token, ""));
  }

  @Test
  void aTokenAmongWhoseAudiencesIsOursIsValid() {
    String token =
        provider.token(ISSUER_ID, List.of("webmail", AUDIENCE), userClaims("alice"), 3600);

    assertValid("alice", check(validator(), token, ""));
  }

  @Test
  void aTokenSignedByTheTrustedKeyButNamingAnotherIssuerIsInvalid() {
    Map<String, Object> claims = new HashMap<>(userClaims("alice"));
    claims.put("iss", "https://attacker.example/realms/mail");
    String token = provider.token(ISSUER_ID, List.of(AUDIENCE), claims, 3600);

    assertInvalid("iss", token, check(validator(), token, ""));
  }

  @Test
  void anyOfSeveralIssuersAndAudiencesIsAccepted() {
    // Google's ID tokens say iss "accounts.google.com" or "https://accounts.google.com".
    BearerTokenValidator validator =
        validatorFor(
            provider,
            Map.of("issuer", "sso.example.org, " + provider.issuer(), "audience", "imap,pop3"));
    String token = provider.token(ISSUER_ID, List.of("imap"), userClaims("alice"), 60);

    assertValid("alice", check(validator, token, ""));
  }

  @Test
  void aTokenSignedByAnotherServersKeyIsInvalid() {
    String token;
    try (LocalOpenIdProvider other = LocalOpenIdProvider.startWithFreshKeys()) {
      // Same key id ("default") and claims, another key pair.
      token = other.tokenFor("alice");
    }

    assertInvalid("Invalid signature", token, check(validator(), token, ""));
  }

  @Test
  void forgedKeyIdsAreInvalidAndFetchTheKeySetAgainAtMostOnce() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start();
        LocalOpenIdProvider other = LocalOpenIdProvider.startWithFreshKeys()) {
      BearerTokenValidator validator = validatorFor(idp, Map.of());
      assertValid("alice", check(validator, idp.tokenFor("alice"), ""));

      for (int i = 0; i < 3; i++) {
        String forged = other.token("unknown-key", List.of(AUDIENCE), userClaims("alice"), 3600);
        assertInvalid("no matching key", forged, check(validator, forged, ""));
      }

      // The first fetch, and one more for the first unknown key id (a rotation could explain it).
      assertEquals(2, idp.requestsTo("/jwks"));
    }
  }

  @Test
  void aTamperedTokenIsInvalid() {
    String token = provider.tokenFor("alice");
    List<String> parts = List.of(token.split("\\.", 0));
    String payload = new String(new Base64URL(parts.get(1)).decode(), StandardCharsets.UTF_8);
    String forged =
        parts.get(0)
            + "."
            + Base64URL.encode(
                payload.replace("\"alice\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
            + "."
            + parts.get(2);

    assertInvalid("Invalid signature", forged, check(validator(), forged, ""));
  }

  @Test
  void aTokenWithAnyOneCharacterChangedIsNeverValidForAnotherUserNorAnError() {
    BearerTokenValidator validator = validator();
    String token = provider.tokenFor("alice");
    String alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\u00e9";
    Random random = new Random(17);

    for (int i = 0; i < 500; i++) {
      char[] chars = token.toCharArray();
      chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      String mutated = new String(chars);

      TokenCheck result = check(validator, mutated, "");

      // A change in a segment's last character may only touch base64 padding bits: still alice.
      if (!(result instanceof Invalid) && !result.equals(new Valid("alice"))) {
        fail(mutated + " gave " + result);
      }
    }
  }

  @Test
  void anUnsignedTokenIsInvalid() throws Exception {
    SignedJWT real = SignedJWT.parse(provider.tokenFor("alice"));
    String unsigned = new PlainJWT(real.getJWTClaimsSet()).serialize();

    assertInvalid("not signed (alg none)", unsigned, check(validator(), unsigned, ""));
  }

  @Test
  void aTokenSignedWithHmacUsingThePublicKeyAsSecretIsInvalid() throws Exception {
    SignedJWT real = SignedJWT.parse(provider.tokenFor("alice"));
    RSAKey published = JWKSet.parse(provider.jwksJson()).getKeys().get(0).toRSAKey();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
            real.getJWTClaimsSet());
    forged.sign(new MACSigner(published.toPublicKey().getEncoded()));
    String token = forged.serialize();

    assertInvalid("Another algorithm expected", token, check(validator(), token, ""));
  }

  @Test
  void aJwtOfAnotherTypeIsInvalid() {
    String token =
        provider.token(ISSUER_ID, "logout+jwt", List.of(AUDIENCE), userClaims("alice"), 3600);

    assertInvalid("typ", token, check(validator(), token, ""));
  }

  @Test
  void anRfc9068AccessTokenIsValid() {
    String token = provider.token(ISSUER_ID, "at+jwt", List.of(AUDIENCE), userClaims("alice"), 60);

    assertValid("alice", check(validator(), token, ""));
  }

  @Test
  void somethingThatIsNotAJwtIsInvalid() {
    String opaque = "ya29.a0AfH6SMBx3-not-a-jwt-at-all";

    assertInvalid("not a JWT", opaque, check(validator(), opaque, ""));
  }

  @Test
  void aTokenWithoutTheUserClaimIsInvalid() {
    String token = provider.token(ISSUER_ID, List.of(AUDIENCE), Map.of("email", "a@x"), 3600);

    assertInvalid("no string claim preferred_username", token, check(validator(), token, ""));
  }

  @Test
  void theUserClaimIsSettableAndItsNamesAreTriedInOrder() {
    BearerTokenValidator validator =
        validatorFor(provider, Map.of("user-claim", "email, preferred_username"));
    String withEmail =
        provider.token(
            ISSUER_ID,
            List.of(AUDIENCE),
            Map.of("email", "a@x.org", "preferred_username", "a"),
            60);
    String withoutEmail = provider.tokenFor("alice");

    assertValid("a@x.org", check(validator, withEmail, ""));
    assertValid("alice", check(validator, withoutEmail, ""));
  }

  @Test
  void aUserClaimThatIsNotAStringIsNotReadFromTheNextName() {
    BearerTokenValidator validator =
        validatorFor(provider, Map.of("user-claim", "email,preferred_username"));
    String token =
        provider.token(
            ISSUER_ID,
            List.of(AUDIENCE),
            Map.of("email", List.of("a@x.org"), "preferred_username", "alice"),
            60);

    assertInvalid(
        "no string claim email or preferred_username", token, check(validator, token, ""));
  }

  @Test
  void aKeySetThatCannotBeFetchedMakesTheCheckUnavailable() {
    LocalOpenIdProvider gone = LocalOpenIdProvider.start();
    String token = gone.tokenFor("alice");
    BearerTokenValidator validator = validatorFor(gone, Map.of());
    gone.close();

    assertUnavailable("unavailable", token, check(validator, token, ""));
    assertUnavailable("unavailable", token, check(validator, token, ""));
  }

  @Test
  void theKeySetIsFetchedOnceAndKeptForManyChecks() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      BearerTokenValidator validator = validatorFor(idp, Map.of());

      for (int i = 0; i < 5; i++) {
        assertValid("alice", check(validator, idp.tokenFor("alice"), ""));
      }

      assertEquals(1, idp.requestsTo("/jwks"));
    }
  }
}
