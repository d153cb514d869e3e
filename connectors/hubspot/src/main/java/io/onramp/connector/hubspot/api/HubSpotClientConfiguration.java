package io.onramp.connector.hubspot.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import feign.RequestInterceptor;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.onramp.connector.sync.VendorAnswers;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;

/** Bearer auth with the private-app token and HubSpot's error bodies turned into {@link VendorError}. */
class HubSpotClientConfiguration {

  @Bean
  RequestInterceptor hubSpotToken(HubSpotTokens tokens) {
    return request -> request.header("Authorization", "Bearer " + tokens.current());
  }

  @Bean
  ErrorDecoder hubSpotErrors() {
    return (method, response) -> decode(response);
  }

  /** The records a refusal names: {@code context.ids} (HubSpot's batch errors), or none. */
  private static java.util.List<String> namedIds(JsonNode body) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    body.path("context").path("ids").forEach(id -> ids.add(id.asText()));
    body.path("errors").forEach(error -> error.path("context").path("ids").forEach(id -> ids.add(id.asText())));
    return ids;
  }

  static VendorError decode(Response response) {
    int status = response.status();
    JsonNode body = VendorAnswers.json(response);
    String category = body.path("category").asText("");
    String message = "HubSpot " + status + (category.isEmpty() ? "" : " " + category) + ": "
        + body.path("message").asText(body.toString());
    return switch (status) {
      case 429 -> "DAILY".equals(body.path("policyName").asText())
          ? new VendorError(VendorError.Kind.DAY_SPENT, status, message, null)
          : new VendorError(VendorError.Kind.RATE_LIMITED, status, message,
              Instant.now().plus(Duration.ofMillis(VendorAnswers.longHeader(response, "X-HubSpot-RateLimit-Interval-Milliseconds", 10_000))));
      case 423 -> new VendorError(VendorError.Kind.UNAVAILABLE, status, message, Instant.now().plusSeconds(2));
      case 401, 403 -> new VendorError(VendorError.Kind.AUTH, status, message, null);
      case 404 -> new VendorError(VendorError.Kind.NOT_FOUND, status, message, null);
      default -> status >= 500
          ? new VendorError(VendorError.Kind.UNAVAILABLE, status, message, null)
          : new VendorError(VendorError.Kind.REJECTED, status, message, null, namedIds(body));
    };
  }
}
