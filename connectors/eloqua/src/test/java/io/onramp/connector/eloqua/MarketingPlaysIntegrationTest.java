package io.onramp.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Milestone plays on Camunda's external task client against a stubbed engine: the right stakeholders enrolled
 * through the play's form, once per stakeholder per play.
 */
class MarketingPlaysIntegrationTest extends EloquaIntegrationTest {

  @Autowired
  ExternalTaskClient client;

  @BeforeEach
  void engineAnswers() {
    engine.stubFor(post(urlPathMatching("/engine-rest/external-task/.*/(complete|failure|bpmnError)")).willReturn(noContent()));
  }

  @AfterEach
  void stopFetching() {
    client.stop();
  }

  @Test
  void shouldEnrolEveryStakeholderOnceEvenWhenTheStepIsFetchedAgainAfterTheWorkerDied() {
    fetchReturns(play("t-1", "pi-1", "WELCOME"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/t-1/complete"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    client.start();
    answered("t-1", "complete");                                                                      // submitted, then died
    assertThat(submissionsOf(FakeEloqua.WELCOME_FORM)).containsExactlyInAnyOrder(
        "pi-1:WELCOME:dana@acme.example", "pi-1:WELCOME:sam@acme.example");

    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/t-1/complete")).willReturn(noContent()));
    engine.resetScenarios();                                                                          // the lock ran out: again
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> completions("t-1") == 2);

    assertThat(submissionsOf(FakeEloqua.WELCOME_FORM)).hasSize(2);
    JsonNode first = eloquaState.submissions().get(0).get("fieldValues");
    assertThat(first.get(0).get("id").asText()).isEqualTo("9001");                                   // emailAddress field
  }

  @Test
  void shouldEnrolOnlyTheRolesThePlayIsFor() {
    fetchReturns(play("t-2", "pi-2", "CSAT_SURVEY"));

    client.start();
    answered("t-2", "complete");

    assertThat(submissionsOf(FakeEloqua.CSAT_FORM)).containsExactly("pi-2:CSAT_SURVEY:dana@acme.example");   // champion, not admin
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-2/complete")));
  }

  @Test
  void shouldRaiseAnIncidentAtOnceWhenThePlayHasNoFormOrTheFormCannotCarryTheKey() {
    fetchReturns(play("t-3", "pi-3", "TRAINING_INVITATION"));
    client.start();
    answered("t-3", "failure");
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-3/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("no Eloqua form for play TRAINING_INVITATION: set "
            + "onramp.eloqua.plays.TRAINING_INVITATION.form-id (ONRAMP_ELOQUA_FORM_TRAINING_INVITATION)"))));

    eloquaState.formHasKeyField(false);
    fetchReturns(play("t-4", "pi-4", "WELCOME"));
    answered("t-4", "failure");
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-4/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("play WELCOME: Eloqua form 301 (play WELCOME) has no field "
            + "with HTML name 'onrampEnrolmentKey'; add it as a hidden field"))));
    assertThat(eloquaState.submissions()).isEmpty();
  }

  @Test
  void shouldRaiseAnIncidentForStakeholderRolesItCannotReadAndCompleteAPlayWithNobodyToEnrol() {
    fetchReturns(play("t-6", "pi-6", "CSAT_SURVEY", "[\\\"dana@acme.example\\\", \\\"CHAMPION\\\"]"));   // a list, not an object
    client.start();
    answered("t-6", "failure");
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-6/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.errorMessage", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "eloquaContactRoles is not a JSON object"))));

    fetchReturns(play("t-7", "pi-7", "WELCOME").replace("eloquaContactEmails", "someOtherVariable"));   // no stakeholders
    answered("t-7", "complete");
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-7/complete")));
    assertThat(eloquaState.submissions()).isEmpty();
  }

  @Test
  void shouldRetryLaterWhenEloquaIsUnavailable() {
    eloquaState.queueFault(503);
    fetchReturns(play("t-5", "pi-5", "WELCOME"));

    client.start();
    answered("t-5", "failure");

    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-5/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("7")))
        .withRequestBody(matchingJsonPath("$.errorMessage", com.github.tomakehurst.wiremock.client.WireMock.containing("503"))));
    assertThat(eloquaState.submissions()).isEmpty();
  }

  private List<String> submissionsOf(String formId) {
    return eloquaState.submissions().stream().filter(s -> s.get("formId").asText().equals(formId))
        .map(s -> s.get("fieldValues").get(1).get("value").asText()).toList();
  }

  /** The engine hands out this task once (again after {@code resetScenarios}, as when its lock runs out), then nothing. */
  private void fetchReturns(String task) {
    engine.resetScenarios();
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("plays")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("handed out").willReturn(okJson("[" + task + "]")));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("plays")
        .whenScenarioStateIs("handed out").willReturn(okJson("[]").withFixedDelay(200)));   // a long poll that found nothing
  }

  /** Waits (with a deadline) until the worker has answered the engine for this task. */
  private void answered(String task, String answer) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        !engine.findAll(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/" + task + "/" + answer))).isEmpty());
  }

  private int completions(String task) {
    return engine.findAll(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/" + task + "/complete"))).size();
  }

  private static String play(String id, String processInstanceId, String play) {
    return play(id, processInstanceId, play, "{\\\"dana@acme.example\\\":\\\"CHAMPION\\\",\\\"sam@acme.example\\\":\\\"ADMIN\\\"}");
  }

  /** {@code roles}: the eloquaContactRoles value as it sits inside the JSON string (quotes escaped). */
  private static String play(String id, String processInstanceId, String play, String roles) {
    return """
        {"activityId":"Task_Send","activityInstanceId":"a:1","executionId":"e-1","id":"%s","processInstanceId":"%s",
         "processDefinitionKey":"customer-onboarding","retries":null,"topicName":"marketing-journey","businessKey":"H-1",
         "variables":{"play":{"type":"String","value":"%s","valueInfo":{}},
           "eloquaContactEmails":{"type":"Json","value":"[\\"dana@acme.example\\",\\"sam@acme.example\\"]","valueInfo":{}},
           "eloquaContactRoles":{"type":"Json","value":"%s","valueInfo":{}}}}
        """.formatted(id, processInstanceId, play, roles);
  }
}
