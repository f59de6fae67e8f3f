package io.mdpop3j.auth.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization server's introspection endpoint (RFC 7662 section 2): one POST of the token,
 * authenticated with the client's id and secret when given, answered by a JSON object.
 */
final class IntrospectionEndpoint {

  /** An answer larger than this is not an introspection response. */
  static final int MAX_ANSWER = 64 * 1024;

  /** What the endpoint said. */
  sealed interface Answer permits Claims, Down {}

  /** A JSON object: the token's {@code active} flag and, if active, its claims. */
  record Claims(Map<String, Object> values) implements Answer {}

  /** No usable answer: the endpoint is down, slow, or refused us; never the token's fault. */
  record Down(String reason) implements Answer {}

  private final URI uri;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param clientId with {@code clientSecret}, sent as HTTP Basic (RFC 6749 section 2.3.1)
   */
  IntrospectionEndpoint(
      URI uri, Optional<String> clientId, Optional<String> clientSecret, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    this.authorization = clientId.map(id -> basic(id, clientSecret.orElse("")));
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer introspect(String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(token), StandardCharsets.UTF_8));
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          return new Down(uri + " answered HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
        if (bytes.length > MAX_ANSWER) {
          return new Down(uri + " answered more than " + MAX_ANSWER + " bytes");
        }
        return new Claims(JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8)));
      }
    } catch (HttpTimeoutException e) {
      return new Down(uri + " did not answer within " + timeout.toMillis() + " ms");
    } catch (ParseException e) {
      return new Down(uri + " answered something that is not a JSON object");
    } catch (IOException e) {
      return new Down(uri + " cannot be reached: " + LogText.of(String.valueOf(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Down("interrupted while asking " + uri);
    }
  }

  private static String form(String token) {
    return "token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&token_type_hint=access_token";
  }

  private static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
