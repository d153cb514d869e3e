package io.onramp.connector.hubspot.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.hubspot.HubSpotProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The bearer token for HubSpot: a private-app token as configured, or an OAuth access token
 * refreshed ({@code POST /oauth/v3/token}, refresh_token grant) five minutes before it expires and
 * once more when HubSpot answers 401. Tokens are never logged.
 */
@Component
public class HubSpotTokens {

  private static final Duration AHEAD = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotProperties properties;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String accessToken;
  private String refreshToken;
  private Instant expiresAt = Instant.MIN;

  @org.springframework.beans.factory.annotation.Autowired
  HubSpotTokens(HubSpotProperties properties) {
    this(properties, Clock.systemUTC());
  }

  HubSpotTokens(HubSpotProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    this.refreshToken = properties.oauthRefreshToken();
    boolean privateApp = properties.accessToken() != null && !properties.accessToken().isBlank();
    boolean oauth = properties.oauthClientId() != null && !properties.oauthClientId().isBlank();
    if (!privateApp && !oauth) {
      throw new IllegalStateException("HubSpot credentials missing: set ONRAMP_HUBSPOT_TOKEN (private app) or "
          + "onramp.hubspot.oauth-client-id, -client-secret and -refresh-token (OAuth)");
    }
  }

  public synchronized String current() {
    if (properties.accessToken() != null && !properties.accessToken().isBlank()) {
      return properties.accessToken();
    }
    if (accessToken == null || !clock.instant().isBefore(expiresAt.minus(AHEAD))) {
      refresh();
    }
    return accessToken;
  }

  /** HubSpot refused the token: the next call refreshes (OAuth). A private-app token cannot be refreshed. */
  public synchronized boolean invalidate() {
    if (properties.accessToken() != null && !properties.accessToken().isBlank()) {
      return false;
    }
    accessToken = null;
    return true;
  }

  private void refresh() {
    Map<String, String> form = Map.of("grant_type", "refresh_token", "client_id", properties.oauthClientId(),
        "client_secret", String.valueOf(properties.oauthClientSecret()), "refresh_token", String.valueOf(refreshToken));
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/oauth/v3/token"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new VendorError(VendorError.Kind.AUTH, response.statusCode(),
            "HubSpot refused to refresh the OAuth token (" + response.statusCode() + ")", null);
      }
      JsonNode token = JSON.readTree(response.body());
      accessToken = token.path("access_token").asText();
      if (token.hasNonNull("refresh_token")) {
        refreshToken = token.path("refresh_token").asText();
      }
      expiresAt = clock.instant().plusSeconds(token.path("expires_in").asLong(1800));
    } catch (VendorError e) {
      throw e;
    } catch (Exception e) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "HubSpot token endpoint not reachable: " + e.getMessage(), null);
    }
  }
}
