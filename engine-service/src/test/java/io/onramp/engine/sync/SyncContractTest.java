package io.onramp.engine.sync;

import static io.onramp.testing.JsonContract.assertSame;
import static io.onramp.testing.JsonContract.documented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.testing.JsonContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * engine-service's side of the sync API's contract (test-support {@code contracts/sync}): what it answers has exactly
 * the documented fields, and it reads every documented request field — the connectors hold theirs to the same
 * documents ({@code SyncContractTest} in connectors/core), so a field renamed on one side alone fails a build.
 */
class SyncContractTest {

  static final Set<String> OPAQUE = Set.of("onboarding.links.eloquaContactRoles");   // email → role: data, not fields

  final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  final JsonContract contract = new JsonContract(mapper);

  @Test
  void shouldAnswerAClaimWithTheDocumentedItemsOnboardingsTasksAndPassedStages() throws Exception {
    Class<?> task = Class.forName("io.onramp.engine.tracking.TaskSnapshot");     // the payload a task item carries as raw JSON
    assertSame("ClaimedItem", documented(contract.document("claimed-items"), OPAQUE),
        contract.declared(ClaimedItem.class, true, Map.of("task", task)));
    assertSame("SyncAck.Result", documented(contract.document("ack-results"), Set.of()),
        contract.declared(SyncAck.Result.class, true, Map.of()));
    assertSame("BudgetGrant", documented(contract.document("budget-grant"), Set.of()),
        contract.declared(BudgetGrant.class, true, Map.of()));
  }

  @Test
  void shouldReadEveryDocumentedRequestAsItIsWritten() throws Exception {
    assertSame("ClaimRequest", documented(contract.document("claim-request"), Set.of()),
        contract.declared(ClaimRequest.class, false, Map.of()));
    assertSame("SyncAck", documented(contract.document("ack"), Set.of()), contract.declared(SyncAck.class, false, Map.of()));
    assertSame("BudgetRequest", documented(contract.document("budget-take"), Set.of()),
        contract.declared(BudgetRequest.class, false, Map.of()));
    assertSame("BudgetPause", documented(contract.document("budget-pause"), Set.of()),
        contract.declared(BudgetPause.class, false, Map.of()));

    ClaimRequest claim = mapper.treeToValue(contract.document("claim-request"), ClaimRequest.class);
    assertThat(claim.maxItems()).isEqualTo(200);
    SyncAck ack = mapper.treeToValue(contract.document("ack"), SyncAck.class);
    assertThat(ack.items()).extracting(SyncAck.Item::outcome, SyncAck.Item::writtenThrough)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SyncAck.Outcome.RETRY, 6L));
    assertThat(mapper.treeToValue(contract.document("budget-take"), BudgetRequest.class).perWindow()).isEqualTo(100);
    assertThat(mapper.treeToValue(contract.document("budget-pause"), BudgetPause.class).pauseMillis()).isEqualTo(10_000);
    assertThat(List.of(SyncAck.Outcome.values())).extracting(Enum::name).containsExactly("DONE", "RETRY", "FAILED", "RELEASE");
  }
}
