package io.onramp.connector.step;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.connector.sync.ConnectorCoreConfiguration;
import io.onramp.web.ExternalTaskFetching;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A journey-step handler on Camunda's external task client against a stubbed engine: each result becomes the
 * engine's answer — complete with variables, BPMN error, failure counting down the retries with a doubling
 * backoff, an incident at once — and every call carries the connector's engine account.
 */
@SpringBootTest(properties = {"onramp.connector.engine-user=eloqua-worker", "onramp.connector.engine-password=test-only",
    "onramp.connector.enabled=false", "camunda.bpm.client.disable-auto-fetching=true",
    "camunda.bpm.client.async-response-timeout=20000", "camunda.bpm.client.worker-id=eloqua-1"})
class StepOutcomesIntegrationTest {

  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ConnectorCoreConfiguration.class)
  static class App {

    @Bean
    @ExternalTaskSubscription(topicName = "marketing-journey", variableNames = "play", lockDuration = 120_000)
    StepOutcomes plays() {
      return new StepOutcomes(step -> switch (String.valueOf((Object) step.getVariable("play"))) {
        case "WELCOME" -> new StepResult.Complete(Map.of("welcomeSentTo", 2));
        case "NOPE" -> new StepResult.BusinessError("UnknownPlay", "no nurture configured for play NOPE");
        case "REFUSED" -> new StepResult.Incident("Eloqua 400: emailAddress = 'x' fails EmailAddressRequirement");
        default -> throw new IllegalStateException("Eloqua form 42 rejected the submission");
      }, 3, Duration.ofSeconds(10));
    }

    @Bean
    ExternalTaskFetching fetching(ExternalTaskClient client) {
      return new ExternalTaskFetching(client, true);
    }
  }

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    engine.stubFor(post(urlPathMatching("/engine-rest/external-task/.*/(complete|bpmnError|failure)")).willReturn(noContent()));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("steps")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fetched").willReturn(okJson("[%s,%s,%s,%s,%s]".formatted(
            task("t-welcome", "WELCOME", null), task("t-unknown", "NOPE", null), task("t-first-failure", "CRASH", null),
            task("t-last-failure", "CRASH", 1), task("t-refused", "REFUSED", null)))));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("steps")
        .whenScenarioStateIs("fetched").willReturn(okJson("[]").withFixedDelay(200)));     // a long poll that found nothing
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("camunda.bpm.client.base-url", () -> engine.baseUrl() + "/engine-rest");
  }

  @Test
  void shouldCompleteRaiseBusinessErrorsAndCountDownRetriesToAnIncident() {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        engine.findAll(postRequestedFor(urlPathMatching("/engine-rest/external-task/t-.*"))).size() == 5);

    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/fetchAndLock"))
        .withHeader("Authorization", equalTo("Basic ZWxvcXVhLXdvcmtlcjp0ZXN0LW9ubHk="))
        .withRequestBody(matchingJsonPath("$.workerId", equalTo("eloqua-1")))
        .withRequestBody(matchingJsonPath("$.asyncResponseTimeout", equalTo("20000")))
        .withRequestBody(matchingJsonPath("$.topics[0].lockDuration", equalTo("120000")))
        .withRequestBody(matchingJsonPath("$.topics[0].variables[0]", equalTo("play"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-welcome/complete"))
        .withHeader("Authorization", equalTo("Basic ZWxvcXVhLXdvcmtlcjp0ZXN0LW9ubHk="))
        .withRequestBody(matchingJsonPath("$.variables.welcomeSentTo.value", equalTo("2"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-unknown/bpmnError"))
        .withRequestBody(matchingJsonPath("$.errorCode", equalTo("UnknownPlay"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-first-failure/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("2")))
        .withRequestBody(matchingJsonPath("$.retryTimeout", equalTo("10000")))
        .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("Eloqua form 42 rejected the submission"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-last-failure/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.retryTimeout", equalTo("0"))));
    // a refusal retrying cannot fix is an incident at once, whatever retries were left
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-refused/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("Eloqua 400: emailAddress = 'x' fails EmailAddressRequirement"))));
  }

  private static String task(String id, String play, Integer retries) {
    return """
        {"activityId":"Task_SendWelcome","activityInstanceId":"a:1","errorMessage":null,"errorDetails":null,"executionId":"e-1",
         "id":"%s","lockExpirationTime":"2026-11-23T02:00:00.000+0000","createTime":"2026-11-23T01:00:00.000+0000",
         "processDefinitionId":"customer-onboarding:1:d","processDefinitionKey":"customer-onboarding","processInstanceId":"pi-1",
         "retries":%s,"suspended":false,"workerId":"eloqua-1","topicName":"marketing-journey","tenantId":null,
         "variables":{"play":{"type":"String","value":"%s","valueInfo":{}}},"priority":0,"businessKey":"H-1","extensionProperties":{}}
        """.formatted(id, retries == null ? "null" : retries.toString(), play);
  }
}
