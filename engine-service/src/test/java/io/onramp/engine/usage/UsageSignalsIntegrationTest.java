package io.onramp.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Product usage reaching journeys: stored once, activation heard, health decided by the table, rescue started. */
class UsageSignalsIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  @Autowired
  io.onramp.engine.health.DailyHealthCheck dailyCheck;

  @Test
  void anActivationSignalTakesAWaitingSelfServeJourneyToFirstValue() {
    Journeys journeys = new Journeys(as(ADMIN));
    String company = "c-" + UUID.randomUUID();
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "self-serve", Map.of("arr", 4000.0, "hubspotCompanyId", company,
        "hubspotDealId", "d-" + company));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    assertThat(jdbc.sql("select count(*) from act_ru_event_subscr where proc_inst_id_ = ? and event_name_ = 'ProductActivated'")
        .param(pi).query(Long.class).single()).as("waiting for activation").isEqualTo(1);

    JsonNode receipt = post(event("act-" + company, Map.of("hubspotCompanyId", company), "ACTIVATED", null)).expect(200).json();

    assertThat(receipt.get("accepted").asInt()).isEqualTo(1);
    assertThat(receipt.get("events").get(0).get("onboardingId").asText()).isEqualTo(pi);
    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(stages(onboarding)).contains("FIRST_VALUE");
  }

  @Test
  void anActivationThatCameBeforeTheJourneyWaitsForItIsNotLost() {
    Journeys journeys = new Journeys(as(ADMIN));
    String handoff = "H-" + UUID.randomUUID();
    String pi = journeys.submitHandoff(handoff, "self-serve", Map.of("arr", 4000.0));

    post(event("early-" + handoff, Map.of("onboarding", handoff), "ACTIVATED", null)).expect(200);
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));

    assertThat(stages(as(ADMIN).get("/api/onboardings/" + pi).expect(200).json())).contains("FIRST_VALUE");
  }

  @Test
  void signalsTurnAJourneyAtRiskStartTheRescuePlayAndReachTheCrm() {
    Journeys journeys = new Journeys(as(ADMIN));
    String company = "c-" + UUID.randomUUID();
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotCompanyId", company, "hubspotDealId",
        "d-" + company));
    toGoLive(journeys, pi);
    JsonNode live = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(live.get("stage").asText()).isEqualTo("GO_LIVE");
    assertThat(live.get("health").asText()).isEqualTo("ON_TRACK");
    claimAll("hubspot");                                                 // what the CRM already has

    Instant nineDaysAgo = ClockUtil.now().toInstant().minus(Duration.ofDays(9));
    JsonNode receipt = post(List.of(
        event("login-" + company, Map.of("hubspotCompanyId", company), "LOGIN", null, nineDaysAgo),
        event("users-" + company, Map.of("hubspotCompanyId", company), "ACTIVE_USERS", 12, nineDaysAgo),
        event("act-" + company, Map.of("hubspotCompanyId", company), "ACTIVATED", null, nineDaysAgo))).expect(200).json();

    assertThat(receipt.get("health").get(0).get("health").asText()).isEqualTo("AT_RISK");
    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("health").asText()).isEqualTo("AT_RISK");
    JsonNode last = onboarding.get("healthHistory").get(onboarding.get("healthHistory").size() - 1);
    assertThat(last.get("from").asText()).isEqualTo("ON_TRACK");
    assertThat(last.get("health").asText()).isEqualTo("AT_RISK");
    assertThat(last.get("cause").asText()).isEqualTo("SIGNAL");
    assertThat(last.get("reason").asText()).isEqualTo("No login for over 7 days");
    // the rescue play: a task for the CS lead saying why
    JsonNode rescue = journeys.openTask(pi, "Task_RescueHealth");
    assertThat(rescue.get("name").asText()).isEqualTo("Rescue: No login for over 7 days");
    // the CRM gets the new health and the rescue task
    JsonNode claimed = claimAll("hubspot");
    List<JsonNode> mine = new ArrayList<>();
    claimed.forEach(i -> { if (i.get("onboarding").get("id").asText().equals(pi)) mine.add(i); });
    assertThat(mine).allSatisfy(i -> assertThat(i.get("onboarding").get("health").asText()).isEqualTo("AT_RISK"));
    assertThat(jdbc.sql("select version from onramp_sync_item where onboarding_id = ? and crm = 'hubspot' and kind = 'ONBOARDING'")
        .param(pi).query(Long.class).single()).as("the health change is queued for HubSpot")
        .isGreaterThan(live.get("version").asLong());
    assertThat(mine).anySatisfy(i -> {
      assertThat(i.get("kind").asText()).isEqualTo("TASK");
      assertThat(i.get("task").get("name").asText()).isEqualTo("Rescue: No login for over 7 days");
    });

    // a login today: back on track, and no second rescue
    post(event("login2-" + company, Map.of("hubspotCompanyId", company), "LOGIN", null)).expect(200);
    onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("health").asText()).isEqualTo("ON_TRACK");
    assertThat(jdbc.sql("select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ = 'Task_RescueHealth'")
        .param(pi).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select logins from onramp_adoption where onboarding_id = ?").param(pi).query(Long.class).single())
        .isEqualTo(2);
  }

  @Test
  void theDailyCheckSeesTimePassWithoutASignal() {
    Journeys journeys = new Journeys(as(ADMIN));
    String handoff = "H-" + UUID.randomUUID();
    String pi = journeys.submitHandoff(handoff, "assisted", Map.of());
    toGoLive(journeys, pi);
    post(event("login-" + handoff, Map.of("onboarding", handoff), "LOGIN", null)).expect(200);
    post(event("act-" + handoff, Map.of("onboarding", handoff), "ACTIVATED", null)).expect(200);
    post(event("users-" + handoff, Map.of("onboarding", handoff), "ACTIVE_USERS", 5)).expect(200);

    dailyCheck.checkAll(ClockUtil.now().toInstant().plus(Duration.ofDays(16)));

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("health").asText()).isEqualTo("OFF_TRACK");
    JsonNode last = onboarding.get("healthHistory").get(onboarding.get("healthHistory").size() - 1);
    assertThat(last.get("cause").asText()).isEqualTo("DAILY");
    assertThat(last.get("reason").asText()).contains("over 14 days");
    assertThat(journeys.openTask(pi, "Task_RescueHealth").get("name").asText()).contains("over 14 days");
  }

  @Test
  void theSameEventTwiceIsStoredOnceAndAReusedIdWithOtherContentIsRefused() {
    String handoff = "H-" + UUID.randomUUID();
    new Journeys(as(ADMIN)).submitHandoff(handoff, "assisted", Map.of());
    Map<String, Object> login = event("dup-" + handoff, Map.of("onboarding", handoff), "LOGIN", 3);

    assertThat(post(login).expect(200).json().get("accepted").asInt()).isEqualTo(1);
    JsonNode again = post(login).expect(200).json();
    assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    assertThat(again.get("events").get(0).get("status").asText()).isEqualTo("DUPLICATE");

    Map<String, Object> changed = event("dup-" + handoff, Map.of("onboarding", handoff), "LOGIN", 4);
    Map<String, Object> fresh = event("fresh-" + handoff, Map.of("onboarding", handoff), "LOGIN", 1);
    JsonNode problem = post(List.of(fresh, changed)).expect(409).json();
    assertThat(problem.get("detail").asText()).contains("events[1].eventId").contains("dup-" + handoff);
    assertThat(jdbc.sql("select count(*) from onramp_usage_event where event_id like ?").param("%" + handoff)
        .query(Long.class).single()).as("nothing of the refused batch is stored").isEqualTo(1);
    assertThat(jdbc.sql("select a.logins from onramp_adoption a join onramp_onboarding o on o.id = a.onboarding_id "
        + "where o.business_key = ?").param(handoff).query(Long.class).single()).isEqualTo(3);

    // twice in one batch: once stored; the same id saying something else in one batch: refused whole
    Map<String, Object> twice = event("twice-" + handoff, Map.of("onboarding", handoff), "LOGIN", 2);
    JsonNode both = post(List.of(twice, twice)).expect(200).json();
    assertThat(both.get("accepted").asInt()).isEqualTo(1);
    assertThat(both.get("duplicates").asInt()).isEqualTo(1);
    Map<String, Object> other = event("twice2-" + handoff, Map.of("onboarding", handoff), "LOGIN", 2);
    Map<String, Object> otherChanged = event("twice2-" + handoff, Map.of("onboarding", handoff), "LOGIN", 5);
    assertThat(post(List.of(other, otherChanged)).expect(409).json().get("detail").asText()).contains("events[1].eventId");
    assertThat(jdbc.sql("select a.logins from onramp_adoption a join onramp_onboarding o on o.id = a.onboarding_id "
        + "where o.business_key = ?").param(handoff).query(Long.class).single()).isEqualTo(5);
  }

  @Test
  void anEventForAnAccountWithoutOnboardingIsReportedNotStored() {
    JsonNode receipt = post(event("x-" + UUID.randomUUID(), Map.of("salesforceAccountId", "001NOSUCH"), "LOGIN", null))
        .expect(200).json();
    assertThat(receipt.get("unmatched").asInt()).isEqualTo(1);
    assertThat(receipt.get("events").get(0).get("message").asText()).contains("Salesforce account 001NOSUCH");
  }

  @Test
  void badEventsAreRefusedNamingEachField() {
    Map<String, Object> noId = new java.util.HashMap<>(event("", Map.of("onboarding", "x"), "LOGIN", null));
    Map<String, Object> twoAccounts = event("e2", Map.of("onboarding", "x", "hubspotCompanyId", "1"), "ACTIVE_USERS", null);
    Map<String, Object> future = event("e3", Map.of("onboarding", "x"), "LOGIN", 1.5,
        ClockUtil.now().toInstant().plus(Duration.ofHours(2)));
    JsonNode problem = post(List.of(noId, twoAccounts, future)).expect(400).json();
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("events[0].eventId", "events[1].onboarding", "events[1].value", "events[2].value",
            "events[2].occurredAt");

    JsonNode unknownKind = as(ADMIN).post("/api/usage/events", "{\"events\":[{\"eventId\":\"k\",\"onboarding\":\"x\","
        + "\"kind\":\"DANCED\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}]}").expect(400).json();
    assertThat(unknownKind.get("errors").get(0).get("field").asText()).isEqualTo("events[0].kind");
    assertThat(as(ADMIN).post("/api/usage/events", Map.of("events", List.of())).expect(400).json().get("errors").get(0)
        .get("field").asText()).isEqualTo("events");
  }

  @Test
  void onlyAUsageReporterMaySendUsage() {
    anonymous().post("/api/usage/events", Map.of("events", List.of())).expect(401);
    as(CSM).post("/api/usage/events", Map.of("events", List.of())).expect(403);
  }

  private static void toGoLive(Journeys journeys, String pi) {
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);
    for (String task : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining")) {
      journeys.complete(pi, task);
    }
  }

  private io.onramp.engine.Api.Response post(Object events) {
    return as(CONNECTOR).post("/api/usage/events", Map.of("events", events instanceof List<?> l ? l : List.of(events)));
  }

  private JsonNode claimAll(String crm) {
    return as(CONNECTOR).post("/api/sync/" + crm + "/claim", Map.of("workerId", "usage-test", "maxItems", 500)).expect(200).json();
  }

  private static Map<String, Object> event(String id, Map<String, String> account, String kind, Number value) {
    return event(id, account, kind, value, ClockUtil.now().toInstant());
  }

  private static Map<String, Object> event(String id, Map<String, String> account, String kind, Number value, Instant at) {
    Map<String, Object> event = new java.util.LinkedHashMap<>(account);
    event.put("eventId", id);
    event.put("kind", kind);
    if (value != null) {
      event.put("value", value);
    }
    event.put("occurredAt", at.toString());
    return event;
  }

  private static List<String> stages(JsonNode onboarding) {
    List<String> stages = new ArrayList<>();
    onboarding.get("timeline").forEach(t -> stages.add(t.get("stage").asText()));
    return stages;
  }
}
