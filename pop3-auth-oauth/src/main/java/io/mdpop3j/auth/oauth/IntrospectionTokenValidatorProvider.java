package io.mdpop3j.auth.oauth;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.BearerTokenValidatorProvider;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code introspection} validator: asks the authorization server about each token (RFC 7662),
 * for opaque tokens or when a revoked token must stop working at once.
 *
 * <p>Settings (short keys; users write them {@code oauth.introspection-url} and so on):
 *
 * <ul>
 *   <li>{@code introspection-url} (required): the server's {@code introspection_endpoint};
 *   <li>{@code client-id}, and {@code client-secret} or {@code client-secret-file} (a file whose
 *       first line is the secret): this server's credentials at that endpoint, sent as HTTP Basic;
 *   <li>{@code user-claim} (default {@code username,sub}): the member of the answer whose string
 *       value is the POP3 user; names separated by commas are tried in order;
 *   <li>{@code issuer}, {@code audience} (optional; several separated by commas): when set, {@code
 *       iss} must be one of the issuers and {@code aud} must hold one of the audiences;
 *   <li>{@code clock-skew} (default 60s): tolerance for {@code exp} and {@code nbf};
 *   <li>{@code timeout} (default 5s): for connecting, and for the whole answer;
 *   <li>{@code introspection-cache} (default 30s; 0 turns it off): how long an active token is
 *       remembered, never beyond its {@code exp}.
 * </ul>
 *
 * <p>More in {@code docs/auth-oauth.md}.
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(BearerTokenValidatorProvider.class)
public final class IntrospectionTokenValidatorProvider implements BearerTokenValidatorProvider {

  static final Duration DEFAULT_CACHE = Duration.ofSeconds(30);
  static final Duration MAX_CLOCK_SKEW = JwtTokenValidatorProvider.MAX_CLOCK_SKEW;

  /** At most this many active tokens are remembered; the least recently used leave first. */
  static final int CACHE_ENTRIES = 10_000;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public IntrospectionTokenValidatorProvider() {}

  @Override
  public String name() {
    return "introspection";
  }

  @Override
  public BearerTokenValidator create(Settings settings) {
    settings.requireOnly(
        Set.of(
            "introspection-url",
            "client-id",
            "client-secret",
            "client-secret-file",
            UserClaim.KEY,
            "issuer",
            "audience",
            "clock-skew",
            "timeout",
            "introspection-cache"));
    var url = OAuthSettings.httpUrl(settings, "introspection-url");
    Optional<String> clientId = optional(settings, "client-id");
    Optional<String> secret = secret(settings);
    if (clientId.isEmpty() && secret.isPresent()) {
      throw new InvalidSettingException(
          "setting " + settings.fullKey("client-id") + " is required with a client secret");
    }
    if (clientId.isPresent() && secret.isEmpty()) {
      throw new InvalidSettingException(
          "setting "
              + settings.fullKey("client-id")
              + " needs "
              + settings.fullKey("client-secret")
              + " or "
              + settings.fullKey("client-secret-file"));
    }
    Duration skew = settings.getDuration("clock-skew", OAuthSettings.DEFAULT_CLOCK_SKEW);
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw settings.invalid(
          "clock-skew", settings.get("clock-skew", ""), "a duration of at most 10m");
    }
    Duration timeout = OAuthSettings.positive(settings, "timeout", OAuthSettings.DEFAULT_TIMEOUT);
    Duration cache = settings.getDuration("introspection-cache", DEFAULT_CACHE);
    try {
      IntrospectionEndpoint endpoint =
          new IntrospectionEndpoint(url.toURI(), clientId, secret, timeout);
      return new IntrospectionTokenValidator(
          endpoint,
          new IntrospectionCache(cache, CACHE_ENTRIES, Clock.systemUTC()),
          UserClaim.from(settings, "username,sub"),
          OAuthSettings.values(settings, "issuer"),
          OAuthSettings.values(settings, "audience"),
          skew,
          Clock.systemUTC());
    } catch (URISyntaxException e) {
      throw settings.invalid("introspection-url", url.toString(), "an http:// or https:// URL");
    }
  }

  private static Optional<String> optional(Settings settings, String key) {
    return Optional.ofNullable(settings.get(key, null)).filter(v -> !v.isEmpty());
  }

  private static Optional<String> secret(Settings settings) {
    Optional<String> inline = optional(settings, "client-secret");
    Optional<String> file = optional(settings, "client-secret-file");
    if (inline.isPresent() && file.isPresent()) {
      throw new InvalidSettingException(
          "settings "
              + settings.fullKey("client-secret")
              + " and "
              + settings.fullKey("client-secret-file")
              + " exclude each other; set one");
    }
    if (file.isEmpty()) {
      return inline;
    }
    try {
      String first =
          Files.readString(Path.of(file.get()), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("")
              .strip();
      if (first.isEmpty()) {
        throw new InvalidSettingException(
            "setting " + settings.fullKey("client-secret-file") + " names an empty file");
      }
      return Optional.of(first);
    } catch (IOException | InvalidPathException e) {
      // The message names the file, never its content.
      throw new InvalidSettingException(
          "setting "
              + settings.fullKey("client-secret-file")
              + " names "
              + file.get()
              + ", which cannot be read: "
              + e.getMessage());
    }
  }
}
