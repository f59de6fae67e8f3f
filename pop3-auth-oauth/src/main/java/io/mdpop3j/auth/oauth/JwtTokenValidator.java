package io.mdpop3j.auth.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.Session;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JWT access token: a signature by one of the key set's keys with an asymmetric algorithm,
 * an issuer among {@code issuers}, an audience among {@code audiences}, an expiry that has not
 * passed (and a not-before that has), with {@code clockSkew} of tolerance; then reads the user from
 * {@link UserClaim}.
 */
final class JwtTokenValidator implements BearerTokenValidator {

  /**
   * RSA, RSA-PSS and ECDSA: what Keycloak, Entra ID and Google sign with. Never {@code none} and
   * never HMAC, whose "secret" would be the public key (RFC 8725 section 2.1). EdDSA is left out:
   * nimbus verifies Ed25519 only through Google Tink, which this module does not bring.
   */
  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  /** Header {@code typ}: none (null), plain JWT, or an RFC 9068 access token. */
  private static final Set<JOSEObjectType> TYPES =
      new HashSet<>(
          Arrays.asList(
              null,
              JOSEObjectType.JWT,
              new JOSEObjectType("at+jwt"),
              new JOSEObjectType("application/at+jwt")));

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final UserClaim userClaim;
  private final String keySetName;
  private final Set<String> issuers;

  JwtTokenValidator(
      JWKSource<SecurityContext> keys,
      String keySetName,
      Set<String> issuers,
      Set<String> audiences,
      UserClaim userClaim,
      Duration clockSkew) {
    this.userClaim = userClaim;
    this.keySetName = keySetName;
    this.issuers = Set.copyOf(issuers);
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPES));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.copyOf(audiences),
            null,
            Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUER),
            null);
    claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  @Override
  public TokenCheck check(Session session, String token, String claimedUser) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      return new Invalid("the token is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      return new Invalid(
          jwt instanceof PlainJWT
              ? "the JWT is not signed (alg none)"
              : "the JWT is encrypted; only signed JWTs are accepted");
    }
    String header =
        "JWT (alg "
            + LogText.of(signed.getHeader().getAlgorithm().getName())
            + ", kid "
            + LogText.of(String.valueOf(signed.getHeader().getKeyID()))
            + ")";
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (BadJOSEException e) {
      return new Invalid(header + " refused: " + LogText.of(String.valueOf(e.getMessage())));
    } catch (KeySourceException e) {
      return new Unavailable(
          "key set " + keySetName + " unavailable: " + LogText.of(String.valueOf(e.getMessage())));
    } catch (JOSEException e) {
      return new Invalid(header + " refused: " + LogText.of(String.valueOf(e.getMessage())));
    }
    if (!issuers.contains(claims.getIssuer())) {
      return new Invalid(header + " refused: its iss is not a configured issuer");
    }
    Optional<String> user = userClaim.userIn(claims.getClaims());
    if (user.isEmpty()) {
      return new Invalid("the JWT has no string claim " + userClaim.describe());
    }
    return ClaimedUser.match(user.get(), claimedUser);
  }
}
