package io.mdpop3j.auth.oauth;

import static io.mdpop3j.auth.oauth.Checks.oauth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.BearerTokenValidatorProvider;
import io.mdpop3j.core.spi.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the validators by name, and what their settings accept. */
class ProvidersTest {

  private static final Map<String, String> JWT =
      Map.of(
          "jwks", "https://sso.example.org/realms/mail/protocol/openid-connect/certs",
          "issuer", "https://sso.example.org/realms/mail",
          "audience", "pop3");

  private static final Map<String, String> INTROSPECTION =
      Map.of("introspection-url", "https://sso.example.org/introspect");

  @TempDir Path dir;

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> copy = new HashMap<>(base);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy;
  }

  private static String jwtError(Map<String, String> settings) {
    return assertThrows(
            InvalidSettingException.class,
            () -> new JwtTokenValidatorProvider().create(oauth(settings)))
        .getMessage();
  }

  private static String introspectionError(Map<String, String> settings) {
    return assertThrows(
            InvalidSettingException.class,
            () -> new IntrospectionTokenValidatorProvider().create(oauth(settings)))
        .getMessage();
  }

  @Test
  void serviceLoaderFindsBothValidatorsByName() {
    Set<String> names = new TreeSet<>();
    for (BearerTokenValidatorProvider p : ServiceLoader.load(BearerTokenValidatorProvider.class)) {
      names.add(p.name());
    }

    assertEquals(Set.of("introspection", "jwt"), names);
  }

  @Test
  void creatingAJwtValidatorFetchesNothing() {
    // The key set's host does not exist: nothing may wait on it before the first login.
    assertInstanceOf(JwtTokenValidator.class, new JwtTokenValidatorProvider().create(oauth(JWT)));
  }

  @Test
  void eachRequiredJwtSettingIsNamedWhenMissing() {
    for (String key : Set.of("jwks", "issuer", "audience")) {
      assertEquals("setting oauth." + key + " is required", jwtError(with(JWT, key, null)));
    }
  }

  @Test
  void anUnknownSettingIsRefusedWithTheKnownOnes() {
    String message = jwtError(with(JWT, "introspection-url", "https://x/"));

    assertTrue(message.startsWith("unknown setting oauth.introspection-url"), message);
    assertTrue(message.contains("audience, clock-skew, issuer, jwks, jwks-cache"), message);
  }

  @Test
  void theKeySetIsAnHttpUrlOrAFile() {
    assertTrue(
        jwtError(with(JWT, "jwks", "ftp://sso.example.org/certs"))
            .contains("expected an http:// or https:// URL, or a file path"));
    String missing = jwtError(with(JWT, "jwks", dir.resolve("none.json").toString()));
    assertTrue(missing.contains("cannot be read as a key set"), missing);
  }

  @Test
  void aFileThatIsNoKeySetIsRefusedAtStart() throws Exception {
    Path notJwks = Files.writeString(dir.resolve("certs.pem"), "-----BEGIN CERTIFICATE-----\n");

    String message = jwtError(with(JWT, "jwks", notJwks.toString()));

    assertTrue(message.contains("not a JSON Web Key Set"), message);
  }

  @Test
  void durationsHaveLimits() {
    assertTrue(jwtError(with(JWT, "clock-skew", "1h")).contains("at most 10m"));
    assertTrue(jwtError(with(JWT, "jwks-cache", "500ms")).contains("at least 1000ms"));
    assertTrue(jwtError(with(JWT, "timeout", "0s")).contains("above 0"));
    assertTrue(jwtError(with(JWT, "timeout", "soon")).contains("a duration such as"));
  }

  @Test
  void anEmptyIssuerOrAudienceInAListIsRefused() {
    assertTrue(jwtError(with(JWT, "issuer", "https://a/,")).contains("oauth.issuer"));
    assertTrue(jwtError(with(JWT, "audience", "pop3,,imap")).contains("oauth.audience"));
  }

  @Test
  void anEmptyNameInTheUserClaimIsRefused() {
    assertTrue(jwtError(with(JWT, "user-claim", "email,,sub")).contains("oauth.user-claim"));
  }

  @Test
  void theIntrospectionUrlIsRequiredAndMustBeHttp() {
    assertEquals(
        "setting oauth.introspection-url is required",
        introspectionError(with(INTROSPECTION, "introspection-url", null)));
    assertTrue(
        introspectionError(with(INTROSPECTION, "introspection-url", "sso.example.org/introspect"))
            .contains("an http:// or https:// URL"));
  }

  @Test
  void aClientIdNeedsASecretAndASecretNeedsAClientId() {
    assertTrue(
        introspectionError(with(INTROSPECTION, "client-id", "pop3"))
            .contains("oauth.client-secret or oauth.client-secret-file"));
    assertTrue(
        introspectionError(with(INTROSPECTION, "client-secret", "s"))
            .contains("oauth.client-id is required"));
  }

  @Test
  void theSecretIsInlineOrInAFileNotBoth() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "hunter2-from-file\nignored\n");
    Map<String, String> both = with(with(INTROSPECTION, "client-id", "pop3"), "client-secret", "s");
    both.put("client-secret-file", secret.toString());

    assertTrue(introspectionError(both).contains("exclude each other"));
  }

  @Test
  void anUnreadableSecretFileIsNamedButNeverShown() throws Exception {
    Map<String, String> settings = with(INTROSPECTION, "client-id", "pop3");
    settings.put("client-secret-file", dir.resolve("missing").toString());

    String message = introspectionError(settings);

    assertTrue(message.contains("oauth.client-secret-file names " + dir.resolve("missing")));
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    settings.put("client-secret-file", empty.toString());
    assertTrue(introspectionError(settings).contains("names an empty file"));
  }
}
