package io.onramp.connector.hubspot.provision;

import io.onramp.connector.testing.SyncItems;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.hubspot.sync.HubSpotCrm;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "onramp.hubspot.provision=true")
@ActiveProfiles("test")
class PropertyProvisioningIntegrationTest {

  static final WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  /** engine-service, for the shared request budget only. */
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    hubspot.start();
    // onboarding_health exists already: HubSpot answers 409 CONFLICT
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/deals")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.name", equalTo("onboarding_health")))
        .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody(
            "{\"status\":\"error\",\"message\":\"A property named 'onboarding_health' already exists.\",\"correlationId\":\"c1\",\"category\":\"OBJECT_ALREADY_EXISTS\"}")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/deals")).atPriority(5)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"name\":\"x\"}")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/tasks"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"name\":\"onboarding_task_key\"}")));
  }

  @Autowired
  PropertyProvisioning provisioning;
  @Autowired
  HubSpotCrm crm;
  @Autowired
  ObjectMapper json;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.hubspot.base-url", hubspot::baseUrl);
    registry.add("onramp.connector.engine-url", engine::baseUrl);
  }

  @Test
  void shouldCreateTheStagePicklistAndTheUniqueTaskKeyAndTreatExistingOnesAsDone() throws Exception {
    // ran once at start-up; run again as a restart would
    provisioning.provision();

    List<JsonNode> deals = bodies("/crm/v3/properties/deals");
    JsonNode stage = deals.stream().filter(p -> p.get("name").asText().equals("onboarding_stage")).findFirst().orElseThrow();
    assertThat(stage.get("type").asText()).isEqualTo("enumeration");
    assertThat(stage.get("fieldType").asText()).isEqualTo("select");
    List<String> values = new ArrayList<>();
    stage.get("options").forEach(o -> values.add(o.get("value").asText()));
    assertThat(values).containsExactly("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE", "ADOPTION",
        "STEADY_STATE", "CANCELLED");
    assertThat(deals).extracting(p -> p.get("name").asText())
        .contains("onboarding_stage", "onboarding_health", "onboarding_ttv_days", "onboarding_url");
    JsonNode taskKey = bodies("/crm/v3/properties/tasks").get(0);
    assertThat(taskKey.get("name").asText()).isEqualTo("onboarding_task_key");
    assertThat(taskKey.get("hasUniqueValue").asBoolean()).isTrue();
    hubspot.verify(2, postRequestedFor(urlPathEqualTo("/crm/v3/properties/tasks")));   // start-up + restart, no error
  }

  @Test
  void shouldHoldWritesBackUntilEveryPropertyExists() throws Exception {
    // HubSpot unavailable while the task key is created: not provisioned, and the sync loop hands its items back
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/tasks")).atPriority(1).willReturn(aResponse().withStatus(503)));
    try {
      assertThat(provisioning.provision()).isFalse();
      assertThat(provisioning.done()).isFalse();
      List<SyncItem> items = json.readValue(SyncItems.HUBSPOT.onboardings(1), new TypeReference<List<SyncItem>>() { });
      assertThat(crm.write(items).get(1L)).isInstanceOfSatisfying(Outcome.Retry.class,
          retry -> assertThat(retry.message()).contains("not provisioned"));
      hubspot.verify(0, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")));
    } finally {
      hubspot.resetAll();
      hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/deals")).willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody("{\"name\":\"x\"}")));
      hubspot.stubFor(post(urlPathEqualTo("/crm/v3/properties/tasks")).willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody("{\"name\":\"onboarding_task_key\"}")));
    }
    assertThat(provisioning.provision()).isTrue();            // the background retry's next try
    assertThat(provisioning.done()).isTrue();
  }

  @Test
  void shouldTryAgainLaterWhenTheSharedBudgetCannotBeAskedAsAtAStartBeforeTheEngine() {
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/budget/take")).atPriority(1).willReturn(aResponse().withStatus(503)));
    try {
      int before = hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/properties/tasks"))).size();
      assertThat(provisioning.provision()).as("not provisioned, and no exception: the background retry tries again").isFalse();
      assertThat(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/properties/tasks")))).as("nothing sent without a permit")
          .hasSize(before);
    } finally {
      engine.resetAll();
      io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    }
    assertThat(provisioning.provision()).isTrue();
  }

  private static List<JsonNode> bodies(String path) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (var request : hubspot.findAll(postRequestedFor(urlPathEqualTo(path)))) {
      bodies.add(new ObjectMapper().readTree(request.getBodyAsString()));
    }
    return bodies;
  }
}
