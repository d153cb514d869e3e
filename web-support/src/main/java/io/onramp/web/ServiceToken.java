package io.onramp.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A service account's access token from Keycloak (client credentials), kept until 30 s before it
 * expires and fetched again then. The secret comes from the environment and is never logged.
 */
public final class ServiceToken {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofSeconds(30);

  private final URI tokenEndpoint;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;
  private Instant renewAt = Instant.MIN;

  public ServiceToken(String issuer, String clientId, String clientSecret) {
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalStateException("the Keycloak client secret of " + clientId + " is not set (see docs/security.md)");
    }
    this.tokenEndpoint = URI.create(issuer + "/protocol/openid-connect/token");
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = Clock.systemUTC();
  }

  /** "Bearer …" for the next call. */
  public synchronized String header() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return "Bearer " + token;
  }

  /** The token was refused (revoked, keys rotated): the next call fetches a new one. */
  public synchronized void invalidate() {
    token = null;
  }

  private void fetch() {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
        throw new IllegalStateException("Keycloak refused a token for " + clientId + ": " + response.statusCode() + " "
            + body.path("error").asText() + " " + body.path("error_description").asText());
      }
      token = body.get("access_token").asText();
      renewAt = clock.instant().plusSeconds(body.path("expires_in").asLong(60)).minus(EARLY);
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak not reachable at " + tokenEndpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching a token for " + clientId, e);
    }
  }
}
