package io.onramp.connector.hubspot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.RequestInterceptor;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.springframework.context.annotation.Bean;

/** Bearer auth with the private-app token and HubSpot's error bodies turned into {@link HubSpotError}. */
class HubSpotClientConfiguration {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  RequestInterceptor hubSpotToken(HubSpotTokens tokens) {
    return request -> request.header("Authorization", "Bearer " + tokens.current());
  }

  @Bean
  ErrorDecoder hubSpotErrors() {
    return (method, response) -> decode(response);
  }

  static HubSpotError decode(Response response) {
    int status = response.status();
    JsonNode body = body(response);
    String category = body.path("category").asText("");
    String message = "HubSpot " + status + (category.isEmpty() ? "" : " " + category) + ": "
        + body.path("message").asText(body.toString());
    return switch (status) {
      case 429 -> "DAILY".equals(body.path("policyName").asText())
          ? new HubSpotError(HubSpotError.Kind.RATE_LIMITED_DAY, status, message, null)
          : new HubSpotError(HubSpotError.Kind.RATE_LIMITED_WINDOW, status, message,
              Instant.now().plus(Duration.ofMillis(longHeader(response, "X-HubSpot-RateLimit-Interval-Milliseconds", 10_000))));
      case 423 -> new HubSpotError(HubSpotError.Kind.UNAVAILABLE, status, message, Instant.now().plusSeconds(2));
      case 401, 403 -> new HubSpotError(HubSpotError.Kind.AUTH, status, message, null);
      case 404 -> new HubSpotError(HubSpotError.Kind.NOT_FOUND, status, message, null);
      default -> status >= 500
          ? new HubSpotError(HubSpotError.Kind.UNAVAILABLE, status, message, null)
          : new HubSpotError(HubSpotError.Kind.REJECTED, status, message, null);
    };
  }

  private static JsonNode body(Response response) {
    if (response.body() == null) {
      return JSON.createObjectNode();
    }
    try (InputStream in = response.body().asInputStream()) {
      String text = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
      try {
        return JSON.readTree(text);
      } catch (IOException notJson) {
        return JSON.createObjectNode().put("message", text);
      }
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static long longHeader(Response response, String name, long fallback) {
    for (var entry : response.headers().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        Collection<String> values = entry.getValue();
        try {
          return Long.parseLong(values.iterator().next().trim());
        } catch (RuntimeException e) {
          return fallback;
        }
      }
    }
    return fallback;
  }
}
