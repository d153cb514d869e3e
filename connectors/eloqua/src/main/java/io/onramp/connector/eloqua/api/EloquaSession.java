package io.onramp.connector.eloqua.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.auth.TokenEndpoint;
import io.onramp.connector.auth.VendorTokens;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.sync.VendorError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Who we are to Eloqua and where our instance lives. Auth is Basic ({@code Company\User:password}) or OAuth 2.0
 * through Spring Security's OAuth2 client ({@link VendorTokens}): the refresh_token grant as Eloqua takes it (a JSON
 * document, the client authenticated with Basic), a minute before the access token runs out; refresh tokens rotate,
 * and the latest survives a restart ({@link EloquaTokenFile}). The instance's base URL comes from {@code /id}, is
 * cached (the endpoint is throttled) and asked again after a 401 — the instance may have moved. Tokens are never logged.
 */
@Component
public class EloquaSession {

  private static final Logger log = LoggerFactory.getLogger(EloquaSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofMinutes(1);

  private final EloquaProperties properties;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final VendorTokens oauth;
  private URI base;

  @Autowired
  EloquaSession(EloquaProperties properties) {
    this(properties, Clock.systemUTC());
  }

  EloquaSession(EloquaProperties properties, Clock clock) {
    this.properties = properties;
    if (properties.oauth()) {
      this.oauth = oauth(properties, clock);
    } else if (blank(properties.company()) || blank(properties.username()) || blank(properties.password())) {
      throw new IllegalStateException("Eloqua credentials missing: set ONRAMP_ELOQUA_CLIENT_ID, ONRAMP_ELOQUA_CLIENT_SECRET and "
          + "ONRAMP_ELOQUA_REFRESH_TOKEN (OAuth), or ONRAMP_ELOQUA_COMPANY, ONRAMP_ELOQUA_USERNAME and ONRAMP_ELOQUA_PASSWORD (Basic)");
    } else {
      this.oauth = null;
    }
  }

  private static VendorTokens oauth(EloquaProperties properties, Clock clock) {
    ClientRegistration registration = ClientRegistration.withRegistrationId("eloqua").clientId(properties.clientId())
        .clientSecret(String.valueOf(properties.clientSecret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .tokenUri(properties.loginUrl() + "/auth/oauth2/token").build();
    EloquaTokenFile file = new EloquaTokenFile(properties.tokenFile(), properties.refreshToken(), registration);
    String first = file.latest();
    if (blank(properties.clientSecret()) || blank(first)) {
      throw new IllegalStateException("Eloqua OAuth needs ONRAMP_ELOQUA_CLIENT_SECRET and ONRAMP_ELOQUA_REFRESH_TOKEN "
          + "besides ONRAMP_ELOQUA_CLIENT_ID");
    }
    RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
    refresh.setClockSkew(EARLY);
    refresh.setClock(clock);
    refresh.setAccessTokenResponseClient(jsonRefresh(properties));
    return new VendorTokens("Eloqua", "set ONRAMP_ELOQUA_REFRESH_TOKEN to a new one", registration, refresh, file)
        .startingFrom(new OAuth2RefreshToken(first, null));
  }

  /** Eloqua's refresh request: JSON, not a form, with scope "full" and the app's redirect URI when set. */
  private static OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> jsonRefresh(EloquaProperties properties) {
    RestClient endpoint = TokenEndpoint.client();
    return grant -> {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("grant_type", "refresh_token");
      body.put("refresh_token", grant.getRefreshToken().getTokenValue());
      body.put("scope", "full");
      if (!blank(properties.redirectUri())) {
        body.put("redirect_uri", properties.redirectUri());
      }
      ClientRegistration client = grant.getClientRegistration();
      return endpoint.post().uri(client.getProviderDetails().getTokenUri())
          .headers(headers -> headers.setBasicAuth(client.getClientId(), client.getClientSecret(), StandardCharsets.UTF_8))
          .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).body(body)
          .retrieve().body(OAuth2AccessTokenResponse.class);
    };
  }

  /** The Authorization header value for the next call. */
  public String authorization() {
    if (oauth == null) {
      String user = properties.company() + "\\" + properties.username() + ":" + properties.password();
      return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }
    return "Bearer " + oauth.current();
  }

  /** The instance's base URL, e.g. https://secure.p01.eloqua.com, discovered once. */
  public synchronized URI base() {
    if (base == null) {
      base = discover();
    }
    return base;
  }

  /** Eloqua said 401: the next call gets a fresh token (OAuth) and asks {@code /id} again. */
  public synchronized void renew() {
    if (oauth != null) {
      oauth.invalidate();
    }
    base = null;
  }

  private URI discover() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(properties.loginUrl() + "/id"))
        .header("Authorization", authorization()).GET(), "instance lookup");
    JsonNode id = json(response.body());
    String url = id.path("urls").path("base").asText("");
    if (response.statusCode() == 401 || url.isBlank()) {
      throw new VendorError(VendorError.Kind.AUTH, response.statusCode(), "Eloqua did not accept our credentials at "
          + properties.loginUrl() + "/id: " + brief(response.body()));
    }
    if (base == null || !url.equals(String.valueOf(base))) {
      log.info("Eloqua instance of site {} is at {}", id.path("site").path("name").asText("?"), url);
    }
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String what) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "Eloqua " + what + " at " + properties.loginUrl() + " not reachable: "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "interrupted during the Eloqua " + what);
    }
  }

  private static JsonNode json(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException notJson) {                 // /id answers "Not authenticated." to a bad login
      return JSON.createObjectNode();
    }
  }

  private static String brief(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
