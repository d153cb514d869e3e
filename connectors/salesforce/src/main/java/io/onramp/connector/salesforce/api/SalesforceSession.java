package io.onramp.connector.salesforce.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.salesforce.SalesforceProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A Salesforce session: OAuth 2.0 JWT bearer (an RS256 assertion: iss = consumer key, sub = user,
 * aud = login URL, exp in 3 minutes; no refresh token) or client credentials. Requests go to the
 * returned {@code instance_url}. A 401 INVALID_SESSION_ID mints a new session once. Never logged.
 */
@Component
public class SalesforceSession {

  public record Session(String accessToken, String instanceUrl) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SalesforceProperties properties;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Session session;

  @Autowired
  SalesforceSession(SalesforceProperties properties) {
    this(properties, Clock.systemUTC());
  }

  SalesforceSession(SalesforceProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    boolean jwt = notBlank(properties.privateKey()) && notBlank(properties.consumerKey()) && notBlank(properties.username());
    boolean clientCredentials = notBlank(properties.clientId()) && notBlank(properties.clientSecret());
    if (!jwt && !clientCredentials) {
      throw new IllegalStateException("Salesforce credentials missing: set ONRAMP_SALESFORCE_CONSUMER_KEY, ONRAMP_SALESFORCE_USERNAME "
          + "and ONRAMP_SALESFORCE_PRIVATE_KEY (JWT bearer), or ONRAMP_SALESFORCE_CLIENT_ID and ONRAMP_SALESFORCE_CLIENT_SECRET "
          + "(client credentials)");
    }
  }

  public synchronized Session current() {
    if (session == null) {
      session = mint();
    }
    return session;
  }

  /** The session was refused: the next call mints a new one. */
  public synchronized void invalidate() {
    session = null;
  }

  private Session mint() {
    Map<String, String> form = notBlank(properties.privateKey())
        ? Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion())
        : Map.of("grant_type", "client_credentials", "client_id", properties.clientId(), "client_secret", properties.clientSecret());
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(properties.loginUrl() + "/services/oauth2/token"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode token = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new VendorError(VendorError.Kind.AUTH, response.statusCode(), "Salesforce refused the session: "
            + token.path("error").asText() + " " + token.path("error_description").asText(), null);
      }
      return new Session(token.path("access_token").asText(), token.path("instance_url").asText());
    } catch (VendorError e) {
      throw e;
    } catch (Exception e) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "Salesforce token endpoint not reachable: " + e.getMessage(), null);
    }
  }

  /** header.claims.signature, each Base64url: RS256 over the first two. */
  String assertion() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"iss\":\"" + properties.consumerKey() + "\",\"sub\":\"" + properties.username()
        + "\",\"aud\":\"" + properties.loginUrl() + "\",\"exp\":" + (clock.instant().getEpochSecond() + 180) + "}")
        .getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(privateKey(properties.privateKey()));
      rsa.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
      return header + "." + claims + "." + b64.encodeToString(rsa.sign());
    } catch (Exception e) {
      throw new VendorError(VendorError.Kind.AUTH, 0, "the Salesforce private key cannot sign: " + e.getMessage(), null);
    }
  }

  private static PrivateKey privateKey(String pem) throws Exception {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
