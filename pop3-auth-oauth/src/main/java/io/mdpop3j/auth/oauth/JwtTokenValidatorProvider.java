package io.mdpop3j.auth.oauth;

import com.google.auto.service.AutoService;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.BearerTokenValidatorProvider;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code jwt} validator: access tokens that are JWTs signed by the authorization server,
 * checked here against its JSON Web Key Set (RFC 7517) without asking the server about each token.
 *
 * <p>Settings (short keys; users write them {@code oauth.jwks} and so on):
 *
 * <ul>
 *   <li>{@code jwks} (required): the key set's {@code https://} URL (the provider's {@code
 *       jwks_uri}) or a file path;
 *   <li>{@code issuer} (required): the exact {@code iss} the tokens carry (several separated by
 *       commas: any of them);
 *   <li>{@code audience} (required): a value the token's {@code aud} must contain (several
 *       separated by commas: any of them);
 *   <li>{@code user-claim} (default {@code preferred_username}): the claim whose string value is
 *       the POP3 user; several names separated by commas are tried in order;
 *   <li>{@code clock-skew} (default 60s, at most 10m): tolerance for {@code exp} and {@code nbf};
 *   <li>{@code jwks-cache} (default 5m, at least 1s): how long a fetched key set is used;
 *   <li>{@code timeout} (default 5s): for connecting to the key set's URL, and for reading it.
 * </ul>
 *
 * <p>Every token must carry {@code exp}. More in {@code docs/auth-oauth.md}.
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(BearerTokenValidatorProvider.class)
public final class JwtTokenValidatorProvider implements BearerTokenValidatorProvider {

  static final Duration DEFAULT_JWKS_CACHE = Duration.ofMinutes(5);
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JwtTokenValidatorProvider() {}

  @Override
  public String name() {
    return "jwt";
  }

  @Override
  public BearerTokenValidator create(Settings settings) {
    settings.requireOnly(
        Set.of("jwks", "issuer", "audience", UserClaim.KEY, "clock-skew", "jwks-cache", "timeout"));
    Set<String> issuers = OAuthSettings.requiredValues(settings, "issuer");
    Set<String> audiences = OAuthSettings.requiredValues(settings, "audience");
    UserClaim userClaim = UserClaim.from(settings, "preferred_username");
    Duration skew = settings.getDuration("clock-skew", OAuthSettings.DEFAULT_CLOCK_SKEW);
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw settings.invalid(
          "clock-skew", settings.get("clock-skew", ""), "a duration of at most 10m");
    }
    Duration cache =
        OAuthSettings.atLeast(settings, "jwks-cache", DEFAULT_JWKS_CACHE, Duration.ofSeconds(1));
    Duration timeout = OAuthSettings.positive(settings, "timeout", OAuthSettings.DEFAULT_TIMEOUT);
    String jwks = settings.require("jwks");
    JWKSource<SecurityContext> keys = keySource(settings, jwks, cache, timeout);
    return new JwtTokenValidator(keys, jwks, issuers, audiences, userClaim, skew);
  }

  private static JWKSource<SecurityContext> keySource(
      Settings settings, String jwks, Duration cache, Duration timeout) {
    String lower = jwks.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return new RemoteKeySet(OAuthSettings.httpUrl(settings, "jwks"), cache, timeout);
    }
    if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
      throw settings.invalid("jwks", jwks, "an http:// or https:// URL, or a file path");
    }
    try {
      return new KeySetFile(Path.of(jwks));
    } catch (InvalidPathException | IOException e) {
      throw new InvalidSettingException(
          "setting "
              + settings.fullKey("jwks")
              + " names the file "
              + jwks
              + ", which cannot be read as a key set: "
              + e.getMessage());
    }
  }
}
