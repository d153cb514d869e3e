package io.onramp.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** HubSpot's answers, shaped as CRM-NOTES describes them (bodies, statuses, rate-limit headers). */
final class HubSpotStubs {
  private HubSpotStubs() {}

  static ResponseDefinitionBuilder batchOk() {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "97")
        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .withHeader("X-HubSpot-RateLimit-Daily", "250000").withHeader("X-HubSpot-RateLimit-Daily-Remaining", "249000")
        .withBody("{\"status\":\"COMPLETE\",\"results\":[],\"startedAt\":\"2026-11-23T01:00:00.000Z\",\"completedAt\":\"2026-11-23T01:00:00.120Z\"}");
  }

  static ResponseDefinitionBuilder multiStatus(String failedId, String category, String message) {
    return aResponse().withStatus(207).withHeader("Content-Type", "application/json").withBody("""
        {"status":"COMPLETE","results":[],"numErrors":1,
         "errors":[{"status":"error","category":"%s","message":"%s","context":{"ids":["%s"]}}],
         "startedAt":"2026-11-23T01:00:00.000Z","completedAt":"2026-11-23T01:00:00.120Z"}
        """.formatted(category, message, failedId));
  }

  static ResponseDefinitionBuilder tooManyRequests(String policy, int intervalMillis) {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json;charset=utf-8")
        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", Integer.toString(intervalMillis))
        .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "0")
        .withBody("""
            {"status":"error","message":"You have reached your %s limit.","errorType":"RATE_LIMIT",
             "correlationId":"c0ffee00-0000-4000-8000-000000000429","policyName":"%s","category":"RATE_LIMITS"}
            """.formatted(policy.equals("DAILY") ? "daily" : "secondly", policy));
  }

  static ResponseDefinitionBuilder error(int status, String category, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
        {"status":"error","message":"%s","correlationId":"c0ffee00-0000-4000-8000-000000000001","category":"%s"}
        """.formatted(message, category));
  }
}
