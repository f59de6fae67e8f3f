package io.mdpop3j.auth.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real OAuth 2.0 / OpenID provider (navikt's mock-oauth2-server) on 127.0.0.1: discovery, JWKS,
 * token and introspection endpoints over HTTP. Tokens come from its token endpoint by an HTTP POST,
 * as a client would get them; what a token says is set before each request.
 */
final class LocalOpenIdProvider implements AutoCloseable {

  static final String ISSUER_ID = "default";
  static final String CLIENT_ID = "pop3-server";
  static final String CLIENT_SECRET = "s3cret:with/odd chars";
  static final String AUDIENCE = "pop3";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final MockOAuth2Server server;
  private final Map<String, Integer> requests = new ConcurrentHashMap<>();

  private LocalOpenIdProvider(MockOAuth2Server server) {
    this.server = server;
  }

  /** A provider signing with the key pair mock-oauth2-server ships (the same in every instance). */
  static LocalOpenIdProvider start() {
    return start(new OAuth2Config());
  }

  /** A provider signing with a key pair of its own, generated now. */
  static LocalOpenIdProvider startWithFreshKeys() {
    KeyProvider keys = new KeyProvider(List.of());
    return start(
        new OAuth2Config(
            false, null, null, false, new OAuth2TokenProvider(keys), java.util.Set.of()));
  }

  private static LocalOpenIdProvider start(OAuth2Config config) {
    MockOAuth2Server server = new MockOAuth2Server(config);
    try {
      // By address, so URLs say 127.0.0.1 and nothing resolves a name.
      server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new LocalOpenIdProvider(server);
  }

  String issuer() {
    return issuer(ISSUER_ID);
  }

  String issuer(String issuerId) {
    return server.issuerUrl(issuerId).toString();
  }

  String jwksUrl() {
    return jwksUrl(ISSUER_ID);
  }

  String jwksUrl(String issuerId) {
    return server.jwksUrl(issuerId).toString();
  }

  String introspectionUrl() {
    return issuer() + "/introspect";
  }

  String discoveryUrl() {
    return server.wellKnownUrl(ISSUER_ID).toString();
  }

  /** A token for {@code user} (preferred_username and username), for {@value #AUDIENCE}, 1 h. */
  String tokenFor(String user) {
    return token(ISSUER_ID, List.of(AUDIENCE), userClaims(user), 3600);
  }

  static Map<String, Object> userClaims(String user) {
    return Map.of("preferred_username", user, "username", user);
  }

  /**
   * Asks the token endpoint of {@code issuerId} for a token (client credentials grant), with {@code
   * audience}, extra {@code claims} (which may override iss or aud) and {@code expirySeconds} of
   * life (negative: already expired).
   */
  String token(
      String issuerId, List<String> audience, Map<String, Object> claims, long expirySeconds) {
    return token(issuerId, "JWT", audience, claims, expirySeconds);
  }

  /** As {@link #token(String, List, Map, long)}, with the header's {@code typ}. */
  String token(
      String issuerId,
      String type,
      List<String> audience,
      Map<String, Object> claims,
      long expirySeconds) {
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(issuerId, "unused", type, audience, claims, expirySeconds));
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":secret").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.tokenEndpointUrl(issuerId).toString()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=pop3"))
            .build();
    Map<String, Object> answer = postForJson(request);
    return (String) answer.get("access_token");
  }

  /** The key set the JWKS endpoint serves, as JSON. */
  String jwksJson() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(jwksUrl())).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many requests reached paths ending in {@code suffix} since the server started. */
  int requestsTo(String suffix) {
    RecordedRequest next;
    MockWebServerWrapper http = (MockWebServerWrapper) server.getConfig().getHttpServer();
    try {
      while ((next = http.getMockWebServer().takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
        requests.merge(next.getRequestUrl().encodedPath(), 1, Integer::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return requests.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** The last request that reached {@code suffix}, after any counted before. */
  RecordedRequest lastRequestTo(String suffix) {
    RecordedRequest last = null;
    RecordedRequest next;
    MockWebServerWrapper http = (MockWebServerWrapper) server.getConfig().getHttpServer();
    try {
      while ((next = http.getMockWebServer().takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
        String path = next.getRequestUrl().encodedPath();
        requests.merge(path, 1, Integer::sum);
        if (path.endsWith(suffix)) {
          last = next;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return last;
  }

  private static Map<String, Object> postForJson(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            request.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSONObjectUtils.parse(response.body());
    } catch (IOException | ParseException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
