package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityIntegrationTest extends EngineIntegrationTest {

  @Test
  void shouldAnswerNoApiWithoutAuthentication() {
    assertThat(anonymous().get("/api/onboardings/anything").status()).isEqualTo(401);
    assertThat(anonymous().get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(anonymous().post("/api/sync/hubspot/claim", Map.of("workerId", "w")).status()).isEqualTo(401);
    assertThat(new Api("http://localhost:" + port, "nobody", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void shouldLetOnlyConnectorsAndAdminsUseTheSyncApi() {
    assertThat(as(CSM).post("/api/sync/hubspot/claim", Map.of("workerId", "w")).status()).isEqualTo(403);
    assertThat(as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "w")).status()).isEqualTo(200);
  }

  @Test
  void shouldAnswerHealthProbesWithoutAuthentication() {
    assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
  }

  @Test
  void shouldNeverChallengeTheWebappsWithBasicAuthentication() {
    // the webapps probe /camunda-welcome before login; a Basic challenge there pops a browser
    // dialog and stopped the Tasklist login form from submitting
    Api.Response welcome = anonymous().get("/camunda-welcome");
    assertThat(welcome.status()).isNotEqualTo(401);
    assertThat(anonymous().get("/camunda/app/tasklist/default/").status()).isEqualTo(200);
  }

  @Test
  void shouldShowTheSyncBacklogPerCrmToOperators() {
    var backlog = as(ADMIN).get("/actuator/metrics/onramp.sync.backlog?tag=crm:hubspot&tag=state:pending").expect(200).json();
    assertThat(backlog.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(0);
    as(ADMIN).get("/actuator/metrics/onramp.sync.oldest.pending.seconds?tag=crm:eloqua").expect(200);
    assertThat(as(CSM).get("/actuator/metrics/onramp.sync.backlog").status()).isEqualTo(403);
  }

  @Test
  void shouldBlockTheAdminFirstRunSetupEndpoint() {
    Api.Response setup = anonymous().post("/camunda/api/admin/setup/default/user/create",
        Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x")));
    assertThat(setup.status()).isIn(401, 403);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void shouldRefuseRepeatedKeysAndControlCharactersOnEveryJsonApiNamingTheField() {
    Api.Response claim = as(CONNECTOR).post("/api/sync/hubspot/claim", "{\"workerId\":\"w-1\",\"maxItems\":1,\"workerId\":\"w-2\"}");
    assertThat(claim.status()).isEqualTo(400);
    assertThat(claim.json().get("errors").get(0).get("field").asText()).isEqualTo("workerId");
    Api.Response ack = as(CONNECTOR).post("/api/sync/hubspot/ack", "{\"items\":[{\"id\":1,\"version\":1,\"outcome\":\"FAILED\","
        + "\"message\":\"refused\\u0000\"}]}");
    assertThat(ack.status()).isEqualTo(400);
    assertThat(ack.json().get("errors").get(0).get("field").asText()).isEqualTo("items[0].message");
    assertThat(ack.json().get("errors").get(0).get("message").asText()).contains("U+0000");
    // Camunda's own REST API is behind the same door
    Api.Response message = as(ADMIN).post("/engine-rest/message", "{\"messageName\":\"HandoffSubmitted\",\"messageName\":\"Other\"}");
    assertThat(message.status()).isEqualTo(400);
    assertThat(message.json().get("errors").get(0).get("field").asText()).isEqualTo("messageName");
    assertThat(as(ADMIN).post("/engine-rest/task/count", "{\"nameLike\":\"Kick\\u0007off%\"}").status()).isEqualTo(400);
    assertThat(anonymous().post("/api/sync/hubspot/claim", "{\"workerId\":\"a\",\"workerId\":\"b\"}").status())
        .as("no body is read before authentication").isEqualTo(401);
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.camunda.bpm.engine.FilterService filterService;

  @Test
  void shouldRefuseTaskQueriesWithExpressionsInOrQueries() {
    Map<String, Object> injected = Map.of("orQueries", java.util.List.of(Map.of("assigneeExpression", "${currentUser()}")));
    Api.Response refused = as(ADMIN).post("/engine-rest/task?maxResults=10", injected);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("orQueries");
    assertThat(as(ADMIN).post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "mine",
        "query", Map.of("orQueries", java.util.List.of(Map.of("candidateGroupExpression", "#{1+1}"))))).status()).isEqualTo(400);
    assertThat(filterService.createFilterQuery().filterName("mine").count()).isZero();
    // a plain field is never evaluated: "#{1+1}" there is a name pattern like any other
    assertThat(as(ADMIN).post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "literal",
        "query", Map.of("orQueries", java.util.List.of(Map.of("nameLike", "#{1+1}"))))).status()).isEqualTo(200);

    Api.Response honest = as(ADMIN).post("/engine-rest/task?maxResults=10", Map.of("orQueries",
        java.util.List.of(Map.of("candidateGroups", java.util.List.of("csm"), "assignee", "casey"))));
    assertThat(honest.status()).isEqualTo(200);
  }
}
