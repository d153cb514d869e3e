package io.onramp.connector.sync;

import static io.onramp.testing.JsonContract.assertSame;
import static io.onramp.testing.JsonContract.documented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.limit.BudgetApi;
import io.onramp.testing.JsonContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The connectors' side of the sync API's contract (test-support {@code contracts/sync}): they read every field
 * engine-service documents and write exactly the documented requests — engine-service holds its records to the
 * same documents ({@code SyncContractTest} there), so a field renamed on one side alone fails a build.
 */
class SyncContractTest {

  static final Set<String> OPAQUE = Set.of("onboarding.links.eloquaContactRoles");

  /** As Spring Boot configures the connectors' Feign encoder and decoder (ISO instants), strict about unknown fields. */
  final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
  final JsonContract contract = new JsonContract(mapper);

  @Test
  void shouldReadEveryFieldOfTheDocumentedAnswers() throws Exception {
    assertSame("SyncItem", documented(contract.document("claimed-items"), OPAQUE), contract.declared(SyncItem.class, false, Map.of()));
    assertSame("SyncAck.Result", documented(contract.document("ack-results"), Set.of()),
        contract.declared(SyncAck.Result.class, false, Map.of()));
    assertSame("BudgetApi.TakeAnswer", documented(contract.document("budget-grant"), Set.of()),
        contract.declared(BudgetApi.TakeAnswer.class, false, Map.of()));

    List<SyncItem> items = List.of(mapper.treeToValue(contract.document("claimed-items"), SyncItem[].class));
    assertThat(items.get(0).passedStages()).extracting(SyncItem.PassedStage::stage).containsExactly("SETUP");
    assertThat(items.get(0).onboarding().links().eloquaContactRoles()).containsEntry("dana@northwind.example", "CHAMPION");
    assertThat(items.get(1).task().candidateGroups()).containsExactly("csm");
    assertThat(mapper.treeToValue(contract.document("budget-grant"), BudgetApi.TakeAnswer.class).validForMillis()).isEqualTo(250);
  }

  @Test
  void shouldWriteTheDocumentedRequests() throws Exception {
    assertSame("ClaimRequest", documented(contract.document("claim-request"), Set.of()),
        contract.declared(ClaimRequest.class, true, Map.of()));
    assertSame("SyncAck", documented(contract.document("ack"), Set.of()), contract.declared(SyncAck.class, true, Map.of()));
    assertSame("BudgetApi.TakeRequest", documented(contract.document("budget-take"), Set.of()),
        contract.declared(BudgetApi.TakeRequest.class, true, Map.of()));
    assertSame("BudgetApi.PauseRequest", documented(contract.document("budget-pause"), Set.of()),
        contract.declared(BudgetApi.PauseRequest.class, true, Map.of()));

    // what goes on the wire for the documented example is the document itself
    SyncAck ack = new SyncAck(List.of(new SyncAck.Item(4711, "6f1e0c3a-6c1d-4a51-9d1e-3c2b1a0f9e8d", 7, SyncAck.Answer.RETRY,
        java.time.Instant.parse("2026-12-02T09:16:10Z"), "HubSpot 429: You have reached your ten_secondly_rolling limit.", 6L)));
    assertThat(mapper.readTree(mapper.writeValueAsString(ack))).isEqualTo(contract.document("ack"));
    assertThat(mapper.readTree(mapper.writeValueAsString(new ClaimRequest("hubspot@connector-hubspot-7d9f#1", 200, 60, 20, false))))
        .isEqualTo(contract.document("claim-request"));
  }
}
