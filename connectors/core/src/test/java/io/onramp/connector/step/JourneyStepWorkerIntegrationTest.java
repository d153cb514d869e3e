package io.onramp.connector.step;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.sync.ConnectorCoreConfiguration;
import io.onramp.connector.sync.ConnectorProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = {"onramp.connector.engine-user=eloqua-worker", "onramp.connector.engine-password=test-only",
    "onramp.connector.worker-id=eloqua-1", "onramp.connector.enabled=false"})
class JourneyStepWorkerIntegrationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ConnectorCoreConfiguration.class)
  static class App {
  }

  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
  }

  @Autowired
  ExternalTaskApi api;
  @Autowired
  ConnectorProperties properties;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
  }

  @BeforeEach
  void reset() {
    engine.resetAll();
    engine.stubFor(post(urlPathMatching("/engine-rest/external-task/.*/(complete|bpmnError|failure)")).willReturn(noContent()));
  }

  @Test
  void shouldCompleteRaiseBusinessErrorsAndCountDownRetriesToAnIncident() {
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).willReturn(okJson("""
        [%s,%s,%s,%s,%s]""".formatted(task("t-welcome", "WELCOME", null), task("t-unknown", "NOPE", null),
        task("t-first-failure", "CRASH", null), task("t-last-failure", "CRASH", 1), task("t-refused", "REFUSED", null)))));
    JourneyStepHandler plays = new JourneyStepHandler() {
      public String topic() { return "marketing-journey"; }
      public List<String> variables() { return List.of("play"); }
      public StepResult handle(LockedStep step) {
        return switch (String.valueOf(step.variable("play"))) {
          case "WELCOME" -> new StepResult.Complete(Map.of("welcomeSentTo", Map.of("value", 2, "type", "Integer")));
          case "NOPE" -> new StepResult.BusinessError("UnknownPlay", "no nurture configured for play NOPE");
          case "REFUSED" -> new StepResult.Incident("Eloqua 400: emailAddress = 'x' fails EmailAddressRequirement");
          default -> throw new IllegalStateException("Eloqua form 42 rejected the submission");
        };
      }
    };
    JourneyStepWorker worker = new JourneyStepWorker(api, plays, properties, 3, Duration.ofSeconds(10));

    assertThat(worker.workOnce(Duration.ofSeconds(20))).isEqualTo(5);

    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/fetchAndLock"))
        .withHeader("Authorization", equalTo("Basic ZWxvcXVhLXdvcmtlcjp0ZXN0LW9ubHk="))
        .withRequestBody(matchingJsonPath("$.workerId", equalTo("eloqua-1:marketing-journey")))
        .withRequestBody(matchingJsonPath("$.asyncResponseTimeout", equalTo("20000")))
        .withRequestBody(matchingJsonPath("$.topics[0].variables[0]", equalTo("play"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/t-welcome/complete"))
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
         "retries":%s,"suspended":false,"workerId":"eloqua-1:marketing-journey","topicName":"marketing-journey","tenantId":null,
         "variables":{"play":{"type":"String","value":"%s","valueInfo":{}}},"priority":0,"businessKey":"H-1","extensionProperties":{}}
        """.formatted(id, retries == null ? "null" : retries.toString(), play);
  }
}
