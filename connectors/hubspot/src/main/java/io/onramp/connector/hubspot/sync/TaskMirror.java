package io.onramp.connector.hubspot.sync;

import io.onramp.connector.hubspot.api.BatchResult;
import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.sync.BatchIsolation;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mirrors journey user tasks as HubSpot tasks with batch upsert on the unique property
 * {@code onboarding_task_key}: created, updated and completed, never duplicated whatever is
 * retried. Each upserted task is then associated with the deal (216) and company (192); the
 * association call is idempotent, so it is repeated for every upsert, not only new tasks.
 */
public class TaskMirror {

  public static final String KEY_PROPERTY = "onboarding_task_key";
  public static final int TASK_TO_DEAL = 216;
  private static final int TASK_TO_COMPANY = 192;

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;
  private final Map<String, String> ownerIds;

  TaskMirror(HubSpotCrmApi hubspot, HubSpotCalls calls, Map<String, String> ownerIds) {
    this.hubspot = hubspot;
    this.calls = calls;
    this.ownerIds = ownerIds;
  }

  Map<Long, Outcome> mirror(List<SyncItem> items) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (int from = 0; from < items.size(); from += DealStagePush.BATCH) {
      List<SyncItem> chunk = latestPerKey(items.subList(from, Math.min(items.size(), from + DealStagePush.BATCH)), outcomes);
      outcomes.putAll(BatchIsolation.write(chunk, SyncItem::id, item -> item.task().key(), this::upsertAndAssociate,
          VendorError::refusal, ChunkOutcomes::of));
    }
    return outcomes;
  }

  private Map<Long, Outcome> upsertAndAssociate(List<SyncItem> chunk) {
    List<Map<String, Object>> inputs = chunk.stream().map(item -> Map.<String, Object>of(
        "idProperty", KEY_PROPERTY, "id", item.task().key(), "properties", properties(item))).toList();
    BatchResult upserted = calls.call("tasks.batch.upsert", () -> hubspot.batchUpsert("tasks", Map.of("inputs", inputs))).getBody();
    Map<Long, Outcome> outcomes = ChunkOutcomes.of(chunk, upserted, item -> item.task().key());
    Map<String, String> taskIdByKey = new HashMap<>();
    for (BatchResult.Result result : upserted.results()) {
      taskIdByKey.put(result.properties().get(KEY_PROPERTY), result.id());
    }
    List<Map<String, Object>> toDeals = new ArrayList<>();
    List<Map<String, Object>> toCompanies = new ArrayList<>();
    for (SyncItem item : chunk) {
      String taskId = taskIdByKey.get(item.task().key());
      if (taskId == null || !(outcomes.get(item.id()) instanceof Outcome.Done)) {
        continue;
      }
      SyncItem.Links links = item.onboarding().links();
      if (links.hubspotDealId() != null) toDeals.add(association(taskId, links.hubspotDealId(), TASK_TO_DEAL));
      if (links.hubspotCompanyId() != null) toCompanies.add(association(taskId, links.hubspotCompanyId(), TASK_TO_COMPANY));
    }
    if (!toDeals.isEmpty()) {
      calls.call("associations.tasks.deals", () -> hubspot.associate("tasks", "deals", Map.of("inputs", toDeals)));
    }
    if (!toCompanies.isEmpty()) {
      calls.call("associations.tasks.companies", () -> hubspot.associate("tasks", "companies", Map.of("inputs", toCompanies)));
    }
    return outcomes;
  }

  /** HubSpot refuses the same id twice in one batch: keep the newest version of each task, the older is done by it. */
  private static List<SyncItem> latestPerKey(List<SyncItem> chunk, Map<Long, Outcome> outcomes) {
    Map<String, SyncItem> latest = new LinkedHashMap<>();
    for (SyncItem item : chunk) {
      SyncItem seen = latest.get(item.task().key());
      if (seen == null || seen.version() < item.version()) {
        if (seen != null) outcomes.put(seen.id(), Outcome.done());
        latest.put(item.task().key(), item);
      } else {
        outcomes.put(item.id(), Outcome.done());
      }
    }
    return List.copyOf(latest.values());
  }

  private static Map<String, Object> association(String taskId, String toId, int typeId) {
    return Map.of("from", Map.of("id", taskId), "to", Map.of("id", toId),
        "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId)));
  }

  private Map<String, String> properties(SyncItem item) {
    SyncItem.Task task = item.task();
    boolean cancelled = "CANCELLED".equals(task.status());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hs_task_subject", (cancelled ? "Cancelled: " : "") + task.name()
        + (item.onboarding().accountName() == null ? "" : " — " + item.onboarding().accountName()));
    p.put("hs_task_body", task.body());
    p.put("hs_timestamp", (task.dueAt() != null ? task.dueAt() : task.createdAt()).toString());
    p.put("hs_task_status", "OPEN".equals(task.status()) ? "NOT_STARTED" : "COMPLETED");
    p.put("hs_task_priority", task.priority() >= 75 ? "HIGH" : task.priority() <= 25 ? "LOW" : "MEDIUM");
    p.put("hs_task_type", "TODO");
    String owner = task.assignee() == null ? null : ownerIds.get(task.assignee());
    if (owner != null) p.put("hubspot_owner_id", owner);
    return p;
  }
}
