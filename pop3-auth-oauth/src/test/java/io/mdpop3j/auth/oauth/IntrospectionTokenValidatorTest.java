package io.mdpop3j.auth.oauth;

import static io.mdpop3j.auth.oauth.Checks.assertInvalid;
import static io.mdpop3j.auth.oauth.Checks.assertUnavailable;
import static io.mdpop3j.auth.oauth.Checks.assertValid;
import static io.mdpop3j.auth.oauth.Checks.check;
import static io.mdpop3j.auth.oauth.Checks.oauth;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.AUDIENCE;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.CLIENT_ID;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.CLIENT_SECRET;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.ISSUER_ID;
import static io.mdpop3j.auth.oauth.LocalOpenIdProvider.userClaims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.auth.oauth.ScriptedHttpServer.Reply;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.testing.TestSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code introspection} validator against a real authorization server (RFC 7662). */
class IntrospectionTokenValidatorTest {

  private static LocalOpenIdProvider provider;

  @BeforeAll
  static void startProvider() {
    provider = LocalOpenIdProvider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  private static BearerTokenValidator validatorFor(String url, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("introspection-url", url);
    settings.put("client-id", CLIENT_ID);
    settings.put("client-secret", CLIENT_SECRET);
    settings.putAll(extra);
    return new IntrospectionTokenValidatorProvider().create(oauth(settings));
  }

  private static BearerTokenValidator validator(Map<String, String> extra) {
    return validatorFor(provider.introspectionUrl(), extra);
  }

  @Test
  void anActiveTokenIsValidForItsUsername() {
    String token = provider.tokenFor("alice");

    assertValid("alice", check(validator(Map.of()), token, ""));
  }

  @Test
  void theTokenIsPostedWithTheClientsCredentialsAsHttpBasic() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      String token = idp.tokenFor("alice");
      validatorFor(idp.introspectionUrl(), Map.of()).check(TestSession.plain().secure(), token, "");

      RecordedRequest request = idp.lastRequestTo("/introspect");
      String pair =
          URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
              + ":"
              + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
      assertEquals(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
          request.getHeader("Authorization"));
      assertEquals("POST", request.getMethod());
      assertEquals(
          "token=" + token + "&token_type_hint=access_token", request.getBody().readUtf8());
    }
  }

  @Test
  void theFirstLineOfTheSecretFileIsTheClientSecret(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "from-the-file\n");
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      BearerTokenValidator validator =
          new IntrospectionTokenValidatorProvider()
              .create(
                  oauth(
                      Map.of(
                          "introspection-url", idp.introspectionUrl(),
                          "client-id", "pop3",
                          "client-secret-file", secret.toString())));
      validator.check(TestSession.plain().secure(), idp.tokenFor("alice"), "");

      String basic = idp.lastRequestTo("/introspect").getHeader("Authorization");
      assertEquals(
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("pop3:from-the-file".getBytes(StandardCharsets.UTF_8)),
          basic);
    }
  }

  @Test
  void theUserTheClientNamesMustBeTheTokensUserEvenWhenTheAnswerIsCached() {
    BearerTokenValidator validator = validator(Map.of());
    String token = provider.tokenFor("alice");

    assertValid("alice", check(validator, token, "alice"));
    assertInvalid("not for the named user 'bob'", token, check(validator, token, "bob"));
  }

  @Test
  void anExpiredTokenIsNotActiveAndInvalid() {
    String token = provider.token(ISSUER_ID, List.of(AUDIENCE), userClaims("alice"), -3600);

    assertInvalid("not active", token, check(validator(Map.of()), token, ""));
  }

  @Test
  void aTokenTheServerNeverIssuedIsInvalid() {
    String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWZvcmdlZC14eXo";

    assertInvalid("not active", forged, check(validator(Map.of()), forged, ""));
  }

  @Test
  void theAudienceIsCheckedWhenSet() throws Exception {
    // mock-oauth2-server 2.3.0 answers aud as "[pop3]", so a scripted RFC 7662 answer here.
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint
          .then(Reply.json("{\"active\":true,\"username\":\"alice\",\"aud\":\"pop3\"}"))
          .then(Reply.json("{\"active\":true,\"username\":\"alice\",\"aud\":[\"web\",\"pop3\"]}"))
          .then(Reply.json("{\"active\":true,\"username\":\"alice\",\"aud\":[\"web\"]}"))
          .then(Reply.json("{\"active\":true,\"username\":\"alice\"}"));
      BearerTokenValidator validator = validatorFor(endpoint.url(), Map.of("audience", "pop3"));

      assertValid("alice", check(validator, "opaque-token-1", ""));
      assertValid("alice", check(validator, "opaque-token-2", ""));
      assertInvalid("aud", "opaque-token-3", check(validator, "opaque-token-3", ""));
      assertInvalid("aud", "opaque-token-4", check(validator, "opaque-token-4", ""));
    }
  }

  @Test
  void theIssuerIsCheckedWhenSet() {
    String token = provider.tokenFor("alice");

    assertValid("alice", check(validator(Map.of("issuer", provider.issuer())), token, ""));
    assertInvalid(
        "iss", token, check(validator(Map.of("issuer", "https://sso.example.org/")), token, ""));
  }

  @Test
  void anEndpointThatRefusesOurClientMakesTheCheckUnavailable() {
    BearerTokenValidator anonymous =
        new IntrospectionTokenValidatorProvider()
            .create(oauth(Map.of("introspection-url", provider.introspectionUrl())));
    String token = provider.tokenFor("alice");

    assertUnavailable("HTTP 401", token, check(anonymous, token, ""));
  }

  @Test
  void anEndpointThatIsDownMakesTheCheckUnavailable() {
    LocalOpenIdProvider gone = LocalOpenIdProvider.start();
    String token = gone.tokenFor("alice");
    BearerTokenValidator validator = validatorFor(gone.introspectionUrl(), Map.of());
    gone.close();

    assertUnavailable("cannot be reached", token, check(validator, token, ""));
  }

  @Test
  void anEndpointAnsweringHttp500MakesTheCheckUnavailableAndIsNotCached() throws Exception {
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint
          .then(new Reply(503, "{\"error\":\"temporarily_unavailable\"}", Duration.ZERO))
          .then(Reply.json("{\"active\":true,\"username\":\"alice\"}"));
      BearerTokenValidator validator = validatorFor(endpoint.url(), Map.of());

      assertUnavailable(
          "HTTP 503", "t0k3n-abcdefghijklmnop", check(validator, "t0k3n-abcdefghijklmnop", ""));
      assertValid("alice", check(validator, "t0k3n-abcdefghijklmnop", ""));
      assertEquals(2, endpoint.requests());
    }
  }

  @Test
  void aSlowEndpointMakesTheCheckUnavailableAfterTheTimeout() throws Exception {
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint.then(new Reply(200, "{\"active\":true}", Duration.ofSeconds(3)));
      BearerTokenValidator validator = validatorFor(endpoint.url(), Map.of("timeout", "300ms"));

      long start = System.nanoTime();
      assertUnavailable(
          "did not answer within 300 ms",
          "opaque-token-5f0c",
          check(validator, "opaque-token-5f0c", ""));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 2500, millis + " ms");
    }
  }

  @Test
  void anAnswerThatIsNotAJsonObjectMakesTheCheckUnavailable() throws Exception {
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint.then(Reply.json("<html>Service Unavailable</html>"));

      assertUnavailable(
          "not a JSON object",
          "opaque-token-5f0c",
          check(validatorFor(endpoint.url(), Map.of()), "opaque-token-5f0c", ""));
    }
  }

  @Test
  void onlyTheBooleanTrueMeansActive() throws Exception {
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint.then(Reply.json("{\"active\":\"true\",\"username\":\"alice\"}"));

      assertInvalid(
          "not active",
          "opaque-token-5f0c",
          check(validatorFor(endpoint.url(), Map.of()), "opaque-token-5f0c", ""));
    }
  }

  @Test
  void anActiveAnswerWhoseExpiryHasPassedIsInvalid() throws Exception {
    long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint.then(
          Reply.json("{\"active\":true,\"username\":\"alice\",\"exp\":" + anHourAgo + "}"));

      assertInvalid(
          "expired",
          "opaque-token-5f0c",
          check(validatorFor(endpoint.url(), Map.of()), "opaque-token-5f0c", ""));
    }
  }

  @Test
  void theUserIsTheUsernameOrElseTheSubject() throws Exception {
    try (ScriptedHttpServer endpoint = new ScriptedHttpServer()) {
      endpoint
          .then(Reply.json("{\"active\":true,\"username\":\"dave\",\"sub\":\"f3a1\"}"))
          .then(Reply.json("{\"active\":true,\"sub\":\"carol\"}"))
          .then(Reply.json("{\"active\":true,\"scope\":\"pop3\"}"));
      BearerTokenValidator validator = validatorFor(endpoint.url(), Map.of());

      assertValid("dave", check(validator, "first", ""));
      assertValid("carol", check(validator, "second", ""));
      assertInvalid("no string claim username or sub", "third", check(validator, "third", ""));
    }
  }

  @Test
  void aRepeatedCheckOfAnActiveTokenIsAnsweredFromTheCache() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      BearerTokenValidator validator = validatorFor(idp.introspectionUrl(), Map.of());
      String token = idp.tokenFor("alice");

      for (int i = 0; i < 3; i++) {
        assertValid("alice", check(validator, token, ""));
      }

      assertEquals(1, idp.requestsTo("/introspect"));
    }
  }

  @Test
  void withTheCacheOffEveryCheckAsks() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      BearerTokenValidator validator =
          validatorFor(idp.introspectionUrl(), Map.of("introspection-cache", "0"));
      String token = idp.tokenFor("alice");

      for (int i = 0; i < 3; i++) {
        assertValid("alice", check(validator, token, ""));
      }

      assertEquals(3, idp.requestsTo("/introspect"));
    }
  }

  @Test
  void inactiveTokensAreNotCached() {
    try (LocalOpenIdProvider idp = LocalOpenIdProvider.start()) {
      BearerTokenValidator validator = validatorFor(idp.introspectionUrl(), Map.of());
      String expired = idp.token(ISSUER_ID, List.of(AUDIENCE), userClaims("alice"), -3600);

      check(validator, expired, "");
      check(validator, expired, "");

      assertEquals(2, idp.requestsTo("/introspect"));
    }
  }
}
