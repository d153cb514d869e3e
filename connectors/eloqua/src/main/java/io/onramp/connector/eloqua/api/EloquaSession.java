package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.eloqua.EloquaProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Who we are to Eloqua and where our instance lives. Auth is Basic ({@code Company\User:password})
 * or OAuth 2.0 with rotating refresh tokens: every refresh returns a new refresh token and the old
 * one dies, so the latest is kept in an owner-only file and survives a restart (a different token
 * in the environment wins: the operator replaced it). The instance's base URL comes from
 * {@code /id}, is cached (the endpoint is throttled) and asked again after a 401 — the instance may
 * have moved. Tokens are never logged.
 */
@Component
public class EloquaSession {

  private static final Logger log = LoggerFactory.getLogger(EloquaSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofMinutes(1);

  private final EloquaProperties properties;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String accessToken;
  private Instant expiresAt = Instant.MIN;
  private String refreshToken;
  private URI base;

  @Autowired
  EloquaSession(EloquaProperties properties) {
    this(properties, Clock.systemUTC());
  }

  EloquaSession(EloquaProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    if (properties.oauth()) {
      if (blank(properties.clientSecret()) || (blank(properties.refreshToken()) && stored() == null)) {
        throw new IllegalStateException("Eloqua OAuth needs ONRAMP_ELOQUA_CLIENT_SECRET and ONRAMP_ELOQUA_REFRESH_TOKEN "
            + "besides ONRAMP_ELOQUA_CLIENT_ID");
      }
      refreshToken = latestRefreshToken();
    } else if (blank(properties.company()) || blank(properties.username()) || blank(properties.password())) {
      throw new IllegalStateException("Eloqua credentials missing: set ONRAMP_ELOQUA_CLIENT_ID, ONRAMP_ELOQUA_CLIENT_SECRET and "
          + "ONRAMP_ELOQUA_REFRESH_TOKEN (OAuth), or ONRAMP_ELOQUA_COMPANY, ONRAMP_ELOQUA_USERNAME and ONRAMP_ELOQUA_PASSWORD (Basic)");
    }
  }

  /** The Authorization header value for the next call. */
  public synchronized String authorization() {
    if (!properties.oauth()) {
      String user = properties.company() + "\\" + properties.username() + ":" + properties.password();
      return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }
    if (accessToken == null || !clock.instant().isBefore(expiresAt.minus(EARLY))) {
      refresh();
    }
    return "Bearer " + accessToken;
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
    accessToken = null;
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

  private void refresh() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    body.put("scope", "full");
    if (!blank(properties.redirectUri())) {
      body.put("redirect_uri", properties.redirectUri());
    }
    String client = properties.clientId() + ":" + properties.clientSecret();
    HttpResponse<String> response;
    try {
      response = send(HttpRequest.newBuilder(URI.create(properties.loginUrl() + "/auth/oauth2/token"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
          "token refresh");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    JsonNode token = json(response.body());
    if (response.statusCode() != 200 || token.path("access_token").asText("").isBlank()) {
      throw new VendorError(response.statusCode() >= 500 ? VendorError.Kind.UNAVAILABLE : VendorError.Kind.AUTH,
          response.statusCode(), "Eloqua refused the refresh token (" + token.path("error").asText("no reason") + " "
          + token.path("error_description").asText("") + "); set ONRAMP_ELOQUA_REFRESH_TOKEN to a new one");
    }
    accessToken = token.path("access_token").asText();
    expiresAt = clock.instant().plusSeconds(token.path("expires_in").asLong(28_800));
    String rotated = token.path("refresh_token").asText("");
    if (!rotated.isBlank() && !rotated.equals(refreshToken)) {
      refreshToken = rotated;
      store(rotated);
    }
  }

  /** The stored token, unless the environment now names a different first token than the one it came from. */
  private String latestRefreshToken() {
    String[] stored = stored();
    if (stored != null && (blank(properties.refreshToken()) || stored[0].equals(hash(properties.refreshToken())))) {
      return stored[1];
    }
    return properties.refreshToken();
  }

  private String[] stored() {
    Path file = properties.tokenFile();
    try {
      if (file == null || !Files.isRegularFile(file)) {
        return null;
      }
      String[] parts = Files.readString(file).strip().split(" ", 2);
      return parts.length == 2 ? parts : null;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the Eloqua token file " + file + ": " + e.getMessage(), e);
    }
  }

  private void store(String rotated) {
    Path file = properties.tokenFile();
    if (file == null) {
      log.warn("Eloqua refresh token rotated but onramp.eloqua.token-file is not set: a restart will need a new token");
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".eloqua-token", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the directory's own protection applies
      }
      String origin = blank(properties.refreshToken()) ? "-" : hash(properties.refreshToken());
      Files.writeString(temp, origin + " " + rotated);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new VendorError(VendorError.Kind.AUTH, 0, "cannot keep the rotated Eloqua refresh token in " + file + ": " + e.getMessage());
    }
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

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String brief(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
