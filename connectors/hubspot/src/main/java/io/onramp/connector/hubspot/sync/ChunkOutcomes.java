package io.onramp.connector.hubspot.sync;

import io.onramp.connector.hubspot.api.BatchResult;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a HubSpot batch answer (or its error) into one outcome per sync item. */
final class ChunkOutcomes {
  private ChunkOutcomes() {}

  /** 200: every item done. 207: the ids HubSpot names in {@code errors} get that error's outcome, the rest are done. */
  static Map<Long, Outcome> of(List<SyncItem> chunk, BatchResult result, Function<SyncItem, String> hubSpotId) {
    Map<String, Outcome> byId = new HashMap<>();
    for (BatchResult.Error error : result.errors()) {
      Outcome outcome = "VALIDATION_ERROR".equals(error.category()) || "OBJECT_NOT_FOUND".equals(error.category())
          ? new Outcome.Failed("HubSpot " + error.category() + ": " + error.message())
          : new Outcome.Retry(null, "HubSpot " + error.category() + ": " + error.message());
      error.ids().forEach(id -> byId.put(id, outcome));
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (SyncItem item : chunk) {
      outcomes.put(item.id(), byId.getOrDefault(hubSpotId.apply(item), Outcome.done()));
    }
    return outcomes;
  }

  static Map<Long, Outcome> of(List<SyncItem> chunk, RuntimeException error) {
    Outcome outcome = VendorError.outcome(error);
    Map<Long, Outcome> outcomes = new HashMap<>();
    chunk.forEach(item -> outcomes.put(item.id(), outcome));
    return outcomes;
  }
}
