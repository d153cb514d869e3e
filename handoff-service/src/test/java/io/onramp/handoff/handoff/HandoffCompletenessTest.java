package io.onramp.handoff.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each completeness rule on its own: a complete handoff with exactly one fact taken away. */
class HandoffCompletenessTest {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  @Test
  void shouldScoreACompleteHandoff100WithNothingMissing() {
    HandoffCompleteness.Result result = HandoffCompleteness.of(handoff(h -> {}));
    assertThat(result.score()).isEqualTo(100);
    assertThat(result.missing()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("SEGMENT", (Consumer<Map<String, Object>>) h -> h.put("account", Map.of("name", "Acme")), "no segment (self-serve, assisted or enterprise)"),
        Arguments.of("CRM_DEAL", (Consumer<Map<String, Object>>) h -> h.put("crm", Map.of("hubspotCompanyId", "77")), "no CRM deal reference (HubSpot deal or Salesforce opportunity)"),
        Arguments.of("PRODUCTS", (Consumer<Map<String, Object>>) h -> h.remove("products"), "no products"),
        Arguments.of("ARR", (Consumer<Map<String, Object>>) h -> h.remove("arr"), "no ARR"),
        Arguments.of("CLOSED_WON_DATE", (Consumer<Map<String, Object>>) h -> h.remove("closedWonDate"), "no closed-won date"),
        Arguments.of("GOALS", (Consumer<Map<String, Object>>) h -> h.remove("goals"), "no customer goals"),
        Arguments.of("GOAL_CRITERIA", (Consumer<Map<String, Object>>) h -> h.put("goals", List.of(
            Map.of("description", "A", "successCriterion", "measured"), Map.of("description", "B"))),
            "goal(s) [2] without a measurable success criterion"),
        Arguments.of("FIRST_VALUE_MILESTONE", (Consumer<Map<String, Object>>) h -> h.put("firstValueMilestone", " "), "no first-value milestone"),
        Arguments.of("EXECUTIVE_SPONSOR", (Consumer<Map<String, Object>>) h -> h.put("stakeholders", List.of(
            Map.of("role", "CHAMPION", "name", "Sam", "email", "sam@acme.example"))), "no executive sponsor"),
        Arguments.of("CHAMPION", (Consumer<Map<String, Object>>) h -> h.put("stakeholders", List.of(
            Map.of("role", "EXECUTIVE_SPONSOR", "name", "Dana", "email", "dana@acme.example"))), "no champion"),
        Arguments.of("REQUIREMENTS", (Consumer<Map<String, Object>>) h -> h.remove("requirements"), "no requirements or use cases"),
        Arguments.of("TARGET_GO_LIVE", (Consumer<Map<String, Object>>) h -> h.remove("targetGoLiveDate"), "no target go-live date"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldReportExactlyTheMissingFact(String rule, Consumer<Map<String, Object>> takeAway, String message) {
    HandoffCompleteness.Result result = HandoffCompleteness.of(handoff(takeAway));

    assertThat(result.missing()).containsExactly(new HandoffCompleteness.Missing(rule, message));
    assertThat(result.score()).isEqualTo(92);        // 11 of 12 rules met
    assertThat(result.complete()).isFalse();
  }

  @Test
  void shouldScoreABareCrmDraftLow() {
    HandoffCompleteness.Result result = HandoffCompleteness.of(new HandoffContent(
        new HandoffContent.Account("Globex", null, null, null), new HandoffContent.CrmReferences("123", null, null, null, null),
        null, null, null, null, null, null, null, null, null, null, null, null, null));
    assertThat(result.score()).isEqualTo(17);         // the CRM deal, and no goal lacks a criterion
    assertThat(result.missing()).hasSize(10);
  }

  private static HandoffContent handoff(Consumer<Map<String, Object>> change) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of(
        "account", Map.of("name", "Acme", "segment", "assisted"),
        "crm", Map.of("hubspotDealId", "9001"),
        "products", List.of(Map.of("name", "Reports")),
        "arr", 48000,
        "closedWonDate", "2026-11-01",
        "goals", List.of(Map.of("description", "Automate reporting", "successCriterion", "board report sent")),
        "firstValueMilestone", "First board report",
        "stakeholders", List.of(Map.of("role", "EXECUTIVE_SPONSOR", "name", "Dana", "email", "dana@acme.example"),
            Map.of("role", "CHAMPION", "name", "Sam", "email", "sam@acme.example")),
        "requirements", List.of("SSO"),
        "targetGoLiveDate", "2030-01-31"));
    change.accept(body);
    return JSON.convertValue(body, HandoffContent.class);
  }
}
