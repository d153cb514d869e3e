package io.onramp.engine.plays;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plays that act: usage signals turn a journey AT_RISK, the CS lead's rescue play runs, and NUDGE, REASSIGN and ESCALATE
 * each do what they say — in Tasklist and in the CRM (what the HubSpot connector claims is what the CRM gets). RACI:
 * the Accountable CSM is the first to claim, the Informed account executive hears of kickoff.
 */
class RescuePlaysIntegrationTest extends EngineIntegrationTest {

  @Autowired
  ManagementService management;

  @Autowired
  TaskService taskService;

  Journeys journeys;
  String company;
  String pi;

  @BeforeEach
  void assistedJourneyOfSamsDeal() {
    user("ivy", "csm");
    user("sam", "sales");
    journeys = new Journeys(as(ADMIN));
    company = "c-" + UUID.randomUUID();
    pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotCompanyId", company, "hubspotDealId",
        "d-" + company, "salesRep", "sam"));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);
  }

  @Test
  void theFirstCsmToClaimIsAccountableAndTheAccountExecutiveHearsOfKickoff() {
    claim("Task_HoldKickoffCall", CSM);
    JsonNode onboarding = onboarding();
    assertThat(onboarding.get("accountable").asText()).isEqualTo(CSM);
    JsonNode kickoff = openTask(onboarding, "Task_HoldKickoffCall");
    assertThat(kickoff.get("consulted")).extracting(JsonNode::asText).containsExactly("sales");
    assertThat(kickoff.get("informed")).extracting(JsonNode::asText).containsExactly("sales");
    claimAll();

    journeys.complete(pi, "Task_HoldKickoffCall");

    assertThat(crmTasks()).anySatisfy(t -> {
      assertThat(t.get("name").asText()).isEqualTo("Done: Hold kickoff call");
      assertThat(t.get("assignee").asText()).as("the account executive").isEqualTo("sam");
      assertThat(t.get("status").asText()).as("a note for their information, not a to-do").isEqualTo("COMPLETED");
    });
    claim("Task_CompleteTechnicalSetup", "ivy");
    assertThat(onboarding().get("accountable").asText()).as("set once, at the first claim").isEqualTo(CSM);
  }

  @Test
  void signalsTurnTheJourneyAtRiskAndANudgeRemindsTheStepsOwnerInTasklistAndTheCrm() {
    toGoLive();
    claim("Task_ConfirmGoLive", CSM);
    claimAll();                                                     // what the CRM already has

    Instant nineDaysAgo = ClockUtil.now().toInstant().minus(Duration.ofDays(9));
    as(CONNECTOR).post("/api/usage/events", Map.of("events", List.of(
        event("login-" + company, "LOGIN", null, nineDaysAgo), event("users-" + company, "ACTIVE_USERS", 12, nineDaysAgo),
        event("act-" + company, "ACTIVATED", null, nineDaysAgo)))).expect(200);
    assertThat(onboarding().get("health").asText()).isEqualTo("AT_RISK");
    List<JsonNode> claimed = crmTasks();
    assertThat(claimed).anySatisfy(t -> assertThat(t.get("name").asText()).isEqualTo("Rescue: No login for over 7 days"));

    journeys.complete(pi, "Task_RescueHealth", Map.of("rescueAction", "NUDGE"));

    JsonNode goLive = openTask(onboarding(), "Task_ConfirmGoLive");
    assertThat(goLive.get("followUpAt").isNull()).as("a follow-up in Tasklist").isFalse();
    assertThat(Instant.parse(goLive.get("followUpAt").asText())).isBeforeOrEqualTo(ClockUtil.now().toInstant());
    assertThat(taskService.getTaskComments(goLive.get("id").asText())).extracting(c -> c.getFullMessage())
        .containsExactly("Reminder from the CS lead: Rescue: No login for over 7 days");
    assertThat(crmTasks()).anySatisfy(t -> {
      assertThat(t.get("name").asText()).isEqualTo("Reminder: Confirm go-live");
      assertThat(t.get("assignee").asText()).as("the step's owner").isEqualTo(CSM);
      assertThat(t.get("url").asText()).contains(goLive.get("id").asText());
      assertThat(t.get("status").asText()).as("a reminder to act on").isEqualTo("OPEN");
    });
    assertThat(onboarding().get("openTasks")).extracting(t -> t.get("taskDefinitionKey").asText())
        .as("the rescue is handled").doesNotContain("Task_RescueHealth");
  }

  @Test
  void aReassignGivesTheStalledStepToSomeoneOfItsGroupAndNobodyElse() {
    claim("Task_HoldKickoffCall", CSM);
    management.executeJob(management.createJobQuery().processInstanceId(pi).activityId("Event_HoldKickoffCallOverdue")
        .singleResult().getId());

    JsonNode refused = journeys.completeWith(pi, "Task_EscalateStalledStep", Map.of("rescueAction", "REASSIGN", "reassignTo", "sam"))
        .expect(400).json();
    assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("reassignTo");
    assertThat(refused.get("errors").get(0).get("message").asText()).contains("'sam' is not a member of csm");
    assertThat(journeys.openTask(pi, "Task_HoldKickoffCall").get("assignee").asText()).isEqualTo(CSM);
    journeys.completeWith(pi, "Task_EscalateStalledStep", Map.of("rescueAction", "REASSIGN")).expect(400);

    journeys.completeWith(pi, "Task_EscalateStalledStep", Map.of("rescueAction", "REASSIGN", "reassignTo", "ivy")).expect(204);

    JsonNode kickoff = journeys.openTask(pi, "Task_HoldKickoffCall");
    assertThat(kickoff.get("assignee").asText()).isEqualTo("ivy");
    assertThat(crmTasks()).anySatisfy(t -> {
      assertThat(t.get("taskId").asText()).isEqualTo(kickoff.get("id").asText());
      assertThat(t.get("assignee").asText()).as("the CRM task moves with the step").isEqualTo("ivy");
    });
    assertThat(onboarding().get("accountable").asText()).as("Accountable stays the onboarding's CSM").isEqualTo(CSM);
  }

  @Test
  void anEscalationOpensACsLeadTaskTellsTheAccountExecutiveAndForEnterpriseAddsAnExecutiveCheckpoint() {
    String enterprise = journeys.submitHandoff("H-" + UUID.randomUUID(), "enterprise", Map.of("arr", 300_000.0,
        "hubspotCompanyId", company, "hubspotDealId", "d2-" + company, "salesRep", "sam"));
    journeys.complete(enterprise, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    management.executeJob(management.createJobQuery().processInstanceId(enterprise).activityId("Event_HoldKickoffCallOverdue")
        .singleResult().getId());
    claimAll();

    journeys.complete(enterprise, "Task_EscalateStalledStep", Map.of("rescueAction", "ESCALATE"));

    JsonNode escalation = openTask(onboarding(enterprise), "Task_HandleEscalation");
    assertThat(escalation.get("name").asText()).isEqualTo("Escalation: Rescue stalled step: Hold kickoff call");
    assertThat(escalation.get("candidateGroups")).extracting(JsonNode::asText).containsExactly("cs-lead");
    assertThat(crmTasks()).anySatisfy(t -> {
      assertThat(t.get("name").asText()).isEqualTo("Escalated: Rescue stalled step: Hold kickoff call");
      assertThat(t.get("assignee").asText()).isEqualTo("sam");
    });

    completeTask(escalation, Map.of("escalationOutcome", "Sponsor re-committed"));
    JsonNode checkpoint = openTask(onboarding(enterprise), "Task_HoldExecutiveCheckpoint");
    assertThat(checkpoint.get("name").asText()).startsWith("Executive checkpoint: Acme");
    completeTask(checkpoint, Map.of("escalationOutcome", "Go-live date agreed with the sponsor"));
    assertThat(onboarding(enterprise).get("openTasks")).extracting(t -> t.get("taskDefinitionKey").asText())
        .containsExactly("Task_HoldKickoffCall");
  }

  @Test
  void aDeploymentNamingARoleOnrampCannotInformIsRefusedNamingTheStepAndTheRoles() {
    String bpmn = new String(io.onramp.engine.StageTrackingIntegrationTest.designerProcess("raci-journey", "SETUP"),
        java.nio.charset.StandardCharsets.UTF_8).replace("<camunda:property name=\"onramp.stage\" value=\"GO_LIVE\" />",
        "<camunda:property name=\"onramp.stage\" value=\"GO_LIVE\" /><camunda:property name=\"onramp.raci.informed\" value=\"sales, ceo\" />");

    var response = as(ADMIN).postMultipart("/engine-rest/deployment/create", "raci-journey.bpmn", bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Task_GoLive").contains("onramp.raci.informed").contains("'ceo'").contains("[csm, sales]");
  }

  private void toGoLive() {
    for (String task : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining")) {
      journeys.complete(pi, task);
    }
  }

  private void claim(String taskKey, String user) {
    String id = journeys.openTask(pi, taskKey).get("id").asText();
    as(ADMIN).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).expect(204);
  }

  private void completeTask(JsonNode task, Map<String, String> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, Map.of("value", v, "type", "String")));
    as(ADMIN).post("/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of("variables", typed)).expect(204);
  }

  private JsonNode onboarding() {
    return onboarding(pi);
  }

  private JsonNode onboarding(String id) {
    return as(ADMIN).get("/api/onboardings/" + id).expect(200).json();
  }

  private static JsonNode openTask(JsonNode onboarding, String key) {
    List<JsonNode> found = new ArrayList<>();
    onboarding.get("openTasks").forEach(t -> { if (t.get("taskDefinitionKey").asText().equals(key)) found.add(t); });
    assertThat(found).as("open %s in %s", key, onboarding.get("openTasks")).hasSize(1);
    return found.get(0);
  }

  /** The task items HubSpot's connector would claim now, as the CRM gets them. */
  private List<JsonNode> crmTasks() {
    List<JsonNode> tasks = new ArrayList<>();
    claimAll().forEach(i -> { if (i.get("kind").asText().equals("TASK")) tasks.add(i.get("task")); });
    return tasks;
  }

  private JsonNode claimAll() {
    return as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "plays-test", "maxItems", 500)).expect(200).json();
  }

  private Map<String, Object> event(String id, String kind, Number value, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", id + "-" + UUID.randomUUID());
    event.put("hubspotCompanyId", company);
    event.put("kind", kind);
    if (value != null) {
      event.put("value", value);
    }
    event.put("occurredAt", at.toString());
    return event;
  }
}
