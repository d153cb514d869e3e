package io.onramp.connector.hubspot.sync;

import io.onramp.connector.hubspot.api.BatchResult;
import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.sync.BatchIsolation;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.PassedStages;
import io.onramp.connector.sync.SyncItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes stage, health, time-to-value and the journey link onto the linked deals (and, if
 * configured, companies) with batch update, 100 inputs per call; stages passed since the last
 * confirmed version go to the deal first, so its property history shows each of them.
 */
class DealStagePush {

  static final int BATCH = 100;

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;
  private final boolean syncCompany;

  DealStagePush(HubSpotCrmApi hubspot, HubSpotCalls calls, boolean syncCompany) {
    this.hubspot = hubspot;
    this.calls = calls;
    this.syncCompany = syncCompany;
  }

  /** Passed stages first (the deal's stage only, one round each), then the current state of deal and company. */
  Map<Long, Outcome> push(List<SyncItem> items) {
    Function<SyncItem, String> deal = item -> item.onboarding().links().hubspotDealId();
    Map<Long, Outcome> outcomes = new HashMap<>();
    List<SyncItem> ready = PassedStages.write(items,
        (due, stage) -> write("deals", due, deal, item -> Map.of("onboarding_stage", stage.apply(item))), outcomes);
    Map<Long, Outcome> current = write("deals", ready, deal, item -> properties(item.onboarding()));
    if (syncCompany) {
      List<SyncItem> withCompany = ready.stream().filter(i -> i.onboarding().links().hubspotCompanyId() != null
          && current.get(i.id()) instanceof Outcome.Done).toList();
      current.putAll(write("companies", withCompany, item -> item.onboarding().links().hubspotCompanyId(),
          item -> properties(item.onboarding())));
    }
    ready.forEach(item -> outcomes.put(item.id(), PassedStages.afterAll(item, current.get(item.id()))));
    return outcomes;
  }

  private Map<Long, Outcome> write(String objectType, List<SyncItem> items, Function<SyncItem, String> recordId,
                                   Function<SyncItem, Map<String, String>> properties) {
    return BatchIsolation.writeAll(items, BATCH, SyncItem::id, recordId, chunk -> {
      List<Map<String, Object>> inputs = chunk.stream()
          .map(item -> Map.<String, Object>of("id", recordId.apply(item), "properties", properties.apply(item))).toList();
      BatchResult result = calls.call(objectType + ".batch.update",
          () -> hubspot.batchUpdate(objectType, Map.of("inputs", inputs))).getBody();
      return ChunkOutcomes.of(chunk, result == null ? new BatchResult("COMPLETE", null, 0, null) : result, recordId);
    }, VendorError::refusal, ChunkOutcomes::of);
  }

  /** All HubSpot property values travel as strings; an empty string clears a value. */
  static Map<String, String> properties(SyncItem.Onboarding onboarding) {
    return Map.of(
        "onboarding_stage", onboarding.stage() == null ? "" : onboarding.stage(),
        "onboarding_health", onboarding.health() == null ? "" : onboarding.health(),
        "onboarding_ttv_days", onboarding.ttvDays() == null ? "" : onboarding.ttvDays().toString(),
        "onboarding_url", onboarding.url() == null ? "" : onboarding.url());
  }
}
