package io.onramp.connector.hubspot.webhook;

import io.onramp.connector.handoff.ClosedWonEvents;
import io.onramp.connector.hubspot.api.BatchResult;
import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.hubspot.sync.HubSpotCalls;
import io.onramp.connector.hubspot.sync.TaskMirror;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the deal's owner where their handoff is: a HubSpot task on the deal, owned by them, linking to the
 * draft — upserted on {@code onboarding_task_key = handoff-<id>} like every mirrored task, so a redelivered
 * event or a retry never makes a second one — and the same link in the deal's {@code onboarding_handoff_url}.
 */
class DraftNotice {

  static final String HANDOFF_URL_PROPERTY = "onboarding_handoff_url";

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;

  DraftNotice(HubSpotCrmApi hubspot, HubSpotCalls calls) {
    this.hubspot = hubspot;
    this.calls = calls;
  }

  void tellOwner(String dealId, String ownerId, ClosedWonEvents.Draft draft, String accountName) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("hs_task_subject", draft.taskSubject(accountName));
    task.put("hs_task_body", draft.taskBody("deal"));
    task.put("hs_timestamp", Instant.now().plus(Duration.ofDays(2)).toString());
    task.put("hs_task_status", "NOT_STARTED");
    task.put("hs_task_priority", "HIGH");
    task.put("hs_task_type", "TODO");
    if (ownerId != null && !ownerId.isBlank()) task.put("hubspot_owner_id", ownerId);
    BatchResult upserted = calls.call("tasks.batch.upsert", () -> hubspot.batchUpsert("tasks", Map.of("inputs", List.of(Map.of(
        "idProperty", TaskMirror.KEY_PROPERTY, "id", draft.taskKey(), "properties", task))))).getBody();
    if (upserted != null && !upserted.results().isEmpty()) {
      String taskId = upserted.results().getFirst().id();
      calls.call("associations.tasks.deals", () -> hubspot.associate("tasks", "deals", Map.of("inputs", List.of(Map.of(
          "from", Map.of("id", taskId), "to", Map.of("id", dealId),
          "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", TaskMirror.TASK_TO_DEAL)))))));
    }
    calls.call("deals.batch.update", () -> hubspot.batchUpdate("deals", Map.of("inputs", List.of(Map.of(
        "id", dealId, "properties", Map.of(HANDOFF_URL_PROPERTY, draft.link()))))));
  }
}
