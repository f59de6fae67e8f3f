package io.mdpop3j.auth.oauth;

import static io.mdpop3j.auth.oauth.Checks.assertInvalid;
import static io.mdpop3j.auth.oauth.Checks.assertUnavailable;
import static io.mdpop3j.auth.oauth.Checks.assertValid;
import static io.mdpop3j.auth.oauth.Checks.check;
import static io.mdpop3j.auth.oauth.Checks.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mdpop3j.core.spi.BearerTokenValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code jwt} validator with its key set in a file. */
class JwksFileTest {

  private static final String ISSUER = "https://sso.example.org/realms/mail";

  @TempDir Path dir;

  private BearerTokenValidator validatorFor(Path jwks) {
    return new JwtTokenValidatorProvider()
        .create(oauth(Map.of("jwks", jwks.toString(), "issuer", ISSUER, "audience", "pop3")));
  }

  private Path write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  private static JWTClaimsSet.Builder claimsFor(String user) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("pop3")
        .claim("preferred_username", user)
        .expirationTime(Date.from(Instant.now().plusSeconds(600)));
  }

  private static String signed(ECKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Test
  void theKeysOfTheProvidersKeySetSavedToAFileCheckItsTokens() throws Exception {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      Path jwks = write("jwks.json", idp.jwksJson());
      BearerTokenValidator validator =
          new JwtTokenValidatorProvider()
              .create(
                  oauth(
                      Map.of("jwks", jwks.toString(), "issuer", idp.issuer(), "audience", "pop3")));

      assertValid("alice", check(validator, idp.tokenFor("alice"), ""));
    }
  }

  @Test
  void renamingANewKeySetOverTheFileRotatesTheKeys() throws Exception {
    ECKey before = new ECKeyGenerator(Curve.P_256).keyID("2026-01").generate();
    ECKey after = new ECKeyGenerator(Curve.P_256).keyID("2026-01").generate();
    Path jwks = write("jwks.json", new JWKSet(before.toPublicJWK()).toString());
    BearerTokenValidator validator = validatorFor(jwks);
    String oldToken = signed(before, claimsFor("alice").build());
    String newToken = signed(after, claimsFor("alice").build());
    assertValid("alice", check(validator, oldToken, ""));

    Path next = write("jwks.json.new", new JWKSet(after.toPublicJWK()).toString());
    Files.move(next, jwks, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertInvalid("Invalid signature", oldToken, check(validator, oldToken, ""));
    assertValid("alice", check(validator, newToken, ""));
  }

  @Test
  void aTokenWithoutExpiryIsInvalid() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
    BearerTokenValidator validator =
        validatorFor(write("jwks.json", new JWKSet(key.toPublicJWK()).toString()));
    String token = signed(key, claimsFor("alice").expirationTime(null).build());

    assertInvalid("exp", token, check(validator, token, ""));
  }

  @Test
  void aTokenNotYetValidIsInvalid() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
    BearerTokenValidator validator =
        validatorFor(write("jwks.json", new JWKSet(key.toPublicJWK()).toString()));
    Date inAnHour = Date.from(Instant.now().plusSeconds(3600));
    String token = signed(key, claimsFor("alice").notBeforeTime(inAnHour).build());

    assertInvalid("before use time", token, check(validator, token, ""));
  }

  @Test
  void symmetricKeysInTheFileAreNeverUsed() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("k").generate();
    BearerTokenValidator validator =
        validatorFor(write("jwks.json", new JWKSet(List.<JWK>of(secret)).toString(false)));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k").build(),
            claimsFor("alice").build());
    jwt.sign(new MACSigner(secret));
    String token = jwt.serialize();

    assertInvalid("no matching key", token, check(validator, token, ""));
  }

  @Test
  void aKeySetFileThatDisappearsMakesTheCheckUnavailable() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
    Path jwks = write("jwks.json", new JWKSet(key.toPublicJWK()).toString());
    BearerTokenValidator validator = validatorFor(jwks);
    String token = signed(key, claimsFor("alice").build());
    Files.delete(jwks);

    assertUnavailable("cannot be read", token, check(validator, token, ""));
  }
}
