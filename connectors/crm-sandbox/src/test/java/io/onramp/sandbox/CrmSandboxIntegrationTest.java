package io.onramp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sandbox answers as the vendors do (CRM-NOTES): auth, shapes, partial failures, limits, signed deliveries, faults. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrmSandboxIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String APP_SECRET = "test-only-app-secret";
  static final List<String[]> received = new CopyOnWriteArrayList<>();   // {uri, body, timestamp, signature}
  static final AtomicInteger refuseFirst = new AtomicInteger();
  static final HttpServer receiver = receiver();

  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void account(DynamicPropertyRegistry registry) {
    registry.add("onramp.sandbox.hubspot.token", () -> "test-only-token");
    registry.add("onramp.sandbox.hubspot.client-secret", () -> APP_SECRET);
    registry.add("onramp.sandbox.hubspot.webhook-url", () -> "http://localhost:" + receiver.getAddress().getPort() + "/webhooks/hubspot");
    registry.add("onramp.sandbox.hubspot.requests-per10s", () -> 8);
    registry.add("onramp.sandbox.salesforce.client-id", () -> "app");
    registry.add("onramp.sandbox.salesforce.client-secret", () -> "test-only-sf");
    registry.add("onramp.sandbox.salesforce.daily-requests", () -> 3);
  }

  @BeforeEach
  void reset() throws Exception {
    send("POST", "/sandbox/reset", null, null);
    received.clear();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void shouldAnswerHubSpotBatchesAsHubSpotDoesAndHoldToItsTenSecondLimit() throws Exception {
    assertThat(hubspot("POST", "/crm/v3/objects/deals/batch/update", "{\"inputs\":[]}", "wrong").statusCode()).isEqualTo(401);
    String property = "{\"name\":\"onboarding_stage\",\"type\":\"enumeration\",\"fieldType\":\"select\",\"options\":[{\"value\":\"KICKOFF\"}]}";
    assertThat(hubspot("POST", "/crm/v3/properties/deals", property, null).statusCode()).isEqualTo(201);
    HttpResponse<String> again = hubspot("POST", "/crm/v3/properties/deals", property, null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).get("category").asText()).isEqualTo("CONFLICT");

    String deal = JSON.readTree(send("POST", "/sandbox/hubspot/deals", "{\"name\":\"Acme\",\"company\":\"Acme\",\"contacts\":[]}", null)
        .body()).get("dealId").asText();
    HttpResponse<String> partly = hubspot("POST", "/crm/v3/objects/deals/batch/update",
        "{\"inputs\":[{\"id\":\"" + deal + "\",\"properties\":{\"onboarding_stage\":\"KICKOFF\"}},{\"id\":\"404404\",\"properties\":{}}]}", null);
    assertThat(partly.statusCode()).isEqualTo(207);
    JsonNode body = JSON.readTree(partly.body());
    assertThat(body.at("/errors/0/context/ids/0").asText()).isEqualTo("404404");
    assertThat(body.at("/results/0/properties/onboarding_stage").asText()).isEqualTo("KICKOFF");
    HttpResponse<String> invalid = hubspot("POST", "/crm/v3/objects/deals/batch/update",
        "{\"inputs\":[{\"id\":\"" + deal + "\",\"properties\":{\"onboarding_stage\":\"NOPE\"}}]}", null);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("INVALID_OPTION");

    HttpResponse<String> last = null;
    int ok = 0;
    for (int i = 0; i < 12; i++) {
      last = hubspot("GET", "/crm/v3/objects/deals/" + deal + "?properties=dealname", null, null);
      if (last.statusCode() == 200) ok++;
    }
    assertThat(ok).as("8 per 10 s, 4 already spent above").isEqualTo(4);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(last.body()).get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(last.headers().firstValue("X-HubSpot-RateLimit-Remaining")).contains("0");
  }

  @Test
  void shouldDeliverASignedDealWebhookAgainUntilTheReceiverTakesIt() throws Exception {
    String deal = JSON.readTree(send("POST", "/sandbox/hubspot/deals", "{\"name\":\"Acme\",\"company\":\"Acme\",\"contacts\":[]}", null)
        .body()).get("dealId").asText();
    refuseFirst.set(1);
    send("POST", "/sandbox/hubspot/deals/" + deal + "/stage", "{\"stage\":\"closedwon\"}", null);

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
    for (int attempt = 0; attempt < 2; attempt++) {
      String[] delivery = received.get(attempt);
      JsonNode event = JSON.readTree(delivery[1]).get(0);
      assertThat(event.get("objectId").asText()).isEqualTo(deal);
      assertThat(event.get("propertyValue").asText()).isEqualTo("closedwon");
      assertThat(event.get("attemptNumber").asInt()).isEqualTo(attempt);
      assertThat(delivery[3]).isEqualTo(sign("POST" + delivery[0] + delivery[1] + delivery[2]));
    }
    assertThat(JSON.readTree(received.get(0)[1]).get(0).get("eventId")).isEqualTo(JSON.readTree(received.get(1)[1]).get(0).get("eventId"));
  }

  @Test
  void shouldSpendTheSalesforceDailyAllocationAndUpsertTasksByTheirKey() throws Exception {
    HttpResponse<String> token = send("POST", "/salesforce/services/oauth2/token",
        "grant_type=client_credentials&client_id=app&client_secret=test-only-sf", null);
    JsonNode session = JSON.readTree(token.body());
    assertThat(session.get("instance_url").asText()).endsWith("/salesforce");
    String opportunity = JSON.readTree(send("POST", "/sandbox/salesforce/opportunities", "{\"name\":\"Acme\",\"company\":\"Acme\"}", null)
        .body()).get("opportunityId").asText();
    String task = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Task\"},\"Onboarding_Task_Key__c\":\"k1\","
        + "\"Subject\":\"Kickoff\",\"Status\":\"Not Started\",\"WhatId\":\"" + opportunity + "\"}]}";
    String bearer = "Bearer " + session.get("access_token").asText();

    HttpResponse<String> created = send("PATCH", "/salesforce/services/data/v62.0/composite/sobjects/Task/Onboarding_Task_Key__c", task, bearer);
    assertThat(JSON.readTree(created.body()).get(0).get("created").asBoolean()).isTrue();
    assertThat(created.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/3");
    HttpResponse<String> updated = send("PATCH", "/salesforce/services/data/v62.0/composite/sobjects/Task/Onboarding_Task_Key__c",
        task.replace("Not Started", "Completed"), bearer);
    assertThat(JSON.readTree(updated.body()).get(0).get("created").asBoolean()).isFalse();
    assertThat(JSON.readTree(updated.body()).get(0).get("id").asText()).isEqualTo(JSON.readTree(created.body()).get(0).get("id").asText());
    HttpResponse<String> unknownField = send("PATCH", "/salesforce/services/data/v62.0/composite/sobjects",
        "{\"records\":[{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + opportunity + "\",\"Nope__c\":1}]}", bearer);
    assertThat(JSON.readTree(unknownField.body()).at("/0/errors/0/statusCode").asText()).isEqualTo("INVALID_FIELD");

    HttpResponse<String> spent = send("GET", "/salesforce/services/data/v62.0/sobjects/Opportunity/" + opportunity + "?fields=Name", null, bearer);
    assertThat(spent.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(spent.body()).at("/0/errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(send("GET", "/salesforce/services/data/v62.0/query?q=x", null, "Bearer stale").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldSellProductsAndShowThemWithTheOwnerInItsState() throws Exception {
    String body = "{\"name\":\"Initech\",\"company\":\"Initech\",\"products\":[\"Reports\",\"Connectors\"],\"owner\":\"%s\"}";
    String opportunity = JSON.readTree(send("POST", "/sandbox/salesforce/opportunities", body.formatted("0055g00000SAMREPAA"), null).body())
        .get("opportunityId").asText();
    String deal = JSON.readTree(send("POST", "/sandbox/hubspot/deals", body.formatted("75000001"), null).body()).get("dealId").asText();

    HttpResponse<String> state = send("GET", "/sandbox/state", null, null);
    assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
    JsonNode view = JSON.readTree(state.body());
    assertThat(view.at("/salesforce/OpportunityLineItem").findValues("OpportunityId")).extracting(JsonNode::asText)
        .containsOnly(opportunity).hasSize(2);
    assertThat(view.at("/salesforce/Product2").findValuesAsText("Name")).contains("Reports", "Connectors");
    JsonNode sold = java.util.stream.StreamSupport.stream(view.at("/salesforce/Opportunity").spliterator(), false)
        .filter(o -> o.get("id").asText().equals(opportunity)).findFirst().orElseThrow();
    assertThat(sold.at("/fields/OwnerId").asText()).isEqualTo("0055g00000SAMREPAA");
    JsonNode won = java.util.stream.StreamSupport.stream(view.at("/hubspot/deals").spliterator(), false)
        .filter(d -> d.get("id").asText().equals(deal)).findFirst().orElseThrow();
    assertThat(won.at("/fields/hubspot_owner_id").asText()).isEqualTo("75000001");
    assertThat(won.at("/links/line_items")).hasSize(2);
  }

  @Test
  void shouldSwitchFaultsOnAndOffAtRunTime() throws Exception {
    assertThat(send("PUT", "/sandbox/faults/hubspot", "{\"kind\":\"UNAVAILABLE\"}", null).statusCode()).isEqualTo(200);
    assertThat(hubspot("GET", "/crm/v3/objects/deals/1?properties=x", null, null).statusCode()).isEqualTo(503);
    assertThat(send("PUT", "/sandbox/faults/hubspot", "{\"kind\":\"RATE_LIMITED\"}", null).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = hubspot("GET", "/crm/v3/objects/deals/1?properties=x", null, null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("RATE_LIMIT");
    assertThat(send("DELETE", "/sandbox/faults/hubspot", null, null).statusCode()).isEqualTo(204);
    assertThat(hubspot("GET", "/crm/v3/objects/deals/1?properties=x", null, null).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = send("PUT", "/sandbox/faults/zoho", "{\"kind\":\"UNAVAILABLE\"}", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("vendor must be one of");
    assertThat(JSON.readTree(send("GET", "/sandbox/state", null, null).body()).at("/faultedCalls/hubspot").asLong()).isEqualTo(2);
  }

  private HttpResponse<String> hubspot(String method, String path, String body, String token) throws Exception {
    return send(method, "/hubspot" + path, body, "Bearer " + (token == null ? "test-only-token" : token));
  }

  private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", path.endsWith("/token") ? "application/x-www-form-urlencoded" : "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) request.header("Authorization", authorization);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpServer receiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      server.createContext("/webhooks/hubspot", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new String[] {"http://localhost:" + server.getAddress().getPort() + "/webhooks/hubspot", body,
            exchange.getRequestHeaders().getFirst("X-HubSpot-Request-Timestamp"), exchange.getRequestHeaders().getFirst("X-HubSpot-Signature-v3")});
        exchange.sendResponseHeaders(refuseFirst.getAndDecrement() > 0 ? 500 : 200, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
