package io.onramp.connector.salesforce.sync;

import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.salesforce.SalesforceProperties;
import io.onramp.connector.salesforce.api.RecordResult;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.salesforce.api.SalesforceRestApi;
import io.onramp.connector.sync.BatchIsolation;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.LinkedItems;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.PassedStages;
import io.onramp.connector.sync.SyncItem;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Salesforce's side of the sync loop, with sObject Collections (≤200 records a call, one answer per
 * record): onboarding items update the linked Opportunity's fields (stages passed since the last
 * confirmed version first, so field history shows each); task items upsert Tasks on the
 * external id {@code Onboarding_Task_Key__c} with {@code WhatId} = the opportunity. Each record's
 * own error decides its outcome.
 */
public class SalesforceCrm implements CrmWriter {

  static final int BATCH = 200;
  /** Per-record errors worth trying again (locks, transient platform states); the rest are the data's fault. */
  private static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG", "SERVER_UNAVAILABLE");

  private static final Function<SyncItem, String> OPPORTUNITY = item -> item.onboarding().links().salesforceOpportunityId();

  private final SalesforceRestApi api;
  private final SalesforceCalls calls;
  private final SalesforceProperties properties;

  SalesforceCrm(SalesforceRestApi api, SalesforceCalls calls, SalesforceProperties properties) {
    this.api = api;
    this.calls = calls;
    this.properties = properties;
  }

  @Override
  public String crm() {
    return "salesforce";
  }

  @Override
  public Map<Long, Outcome> write(List<SyncItem> items) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    List<SyncItem> linked = LinkedItems.of(items, "salesforceOpportunityId", links -> links.salesforceOpportunityId() != null, outcomes);
    outcomes.putAll(opportunities(linked.stream().filter(i -> i.kind() == SyncItem.Kind.ONBOARDING).toList()));
    outcomes.putAll(inChunks(linked.stream().filter(i -> i.kind() == SyncItem.Kind.TASK).toList(), item -> item.task().key(), this::task,
        (instance, records) -> api.upsert(instance, properties.apiVersion(), "Task", properties.taskKeyField(), records), "tasks.upsert"));
    return outcomes;
  }

  /** Passed stages first (the stage field only, one round each), then the opportunity's current state. */
  private Map<Long, Outcome> opportunities(List<SyncItem> items) {
    Collection update = (instance, records) -> api.update(instance, properties.apiVersion(), records);
    Map<Long, Outcome> outcomes = new HashMap<>();
    List<SyncItem> ready = PassedStages.write(items,
        (due, stage) -> inChunks(due, OPPORTUNITY, item -> opportunityStage(item, stage.apply(item)), update, "opportunities.update"), outcomes);
    Map<Long, Outcome> current = inChunks(ready, OPPORTUNITY, this::opportunity, update, "opportunities.update");
    ready.forEach(item -> outcomes.put(item.id(), PassedStages.afterAll(item, current.get(item.id()))));
    return outcomes;
  }

  private interface Collection {
    org.springframework.http.ResponseEntity<List<RecordResult>> send(URI instance, Map<String, Object> records);
  }

  /**
   * Collections of at most {@value #BATCH} records, one onboarding's record per collection ({@link BatchIsolation});
   * a collection Salesforce refuses whole (400, e.g. JSON_PARSER_ERROR for one record's value, naming none) is split
   * until the bad record is cornered, so it costs the others nothing.
   */
  private Map<Long, Outcome> inChunks(List<SyncItem> items, Function<SyncItem, String> recordId,
                                     Function<SyncItem, Map<String, Object>> record, Collection collection, String operation) {
    return BatchIsolation.writeAll(items, BATCH, SyncItem::id, recordId, chunk -> {
      Map<String, Object> body = Map.of("allOrNone", false, "records", chunk.stream().map(record).toList());
      List<RecordResult> results = calls.call(operation, session -> collection.send(URI.create(session.instanceUrl()), body)).getBody();
      Map<Long, Outcome> outcomes = new HashMap<>();
      for (int i = 0; i < chunk.size(); i++) {
        outcomes.put(chunk.get(i).id(), outcome(results == null || i >= results.size() ? null : results.get(i)));
      }
      return outcomes;
    }, VendorError::refusal, (chunk, e) -> {
      Outcome failed = VendorError.outcome(e);
      Map<Long, Outcome> outcomes = new HashMap<>();
      chunk.forEach(item -> outcomes.put(item.id(), failed));
      return outcomes;
    });
  }

  private static Outcome outcome(RecordResult result) {
    if (result == null) {
      return new Outcome.Retry(null, "Salesforce gave no answer for this record");
    }
    if (result.success()) {
      return Outcome.done();
    }
    RecordResult.Error error = result.errors().isEmpty() ? new RecordResult.Error("UNKNOWN", "no reason given", List.of())
        : result.errors().get(0);
    String message = "Salesforce " + error.statusCode() + ": " + error.message()
        + (error.fields() == null || error.fields().isEmpty() ? "" : " (fields " + error.fields() + ")");
    return TRANSIENT.contains(error.statusCode()) ? new Outcome.Retry(null, message) : new Outcome.Failed(message);
  }

  private Map<String, Object> opportunityStage(SyncItem item, String stage) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("attributes", Map.of("type", properties.opportunityObject()));
    record.put("id", item.onboarding().links().salesforceOpportunityId());
    record.put(properties.stageField(), stage);
    return record;
  }

  private Map<String, Object> opportunity(SyncItem item) {
    SyncItem.Onboarding o = item.onboarding();
    Map<String, Object> record = opportunityStage(item, o.stage());
    record.put(properties.healthField(), o.health());
    record.put(properties.ttvField(), o.ttvDays());
    record.put(properties.urlField(), o.url());
    return record;
  }

  private Map<String, Object> task(SyncItem item) {
    SyncItem.Task t = item.task();
    boolean cancelled = "CANCELLED".equals(t.status());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("attributes", Map.of("type", "Task"));
    record.put(properties.taskKeyField(), t.key());
    record.put("Subject", ((cancelled ? "Cancelled: " : "") + t.name()
        + (item.onboarding().accountName() == null ? "" : " — " + item.onboarding().accountName())));
    record.put("Status", "OPEN".equals(t.status()) ? "Not Started" : "Completed");
    record.put("Priority", t.priority() >= 75 ? "High" : t.priority() <= 25 ? "Low" : "Normal");
    record.put("ActivityDate", LocalDate.ofInstant(t.dueAt() != null ? t.dueAt() : t.createdAt(), ZoneOffset.UTC).toString());
    record.put("WhatId", item.onboarding().links().salesforceOpportunityId());
    record.put("Description", t.body());
    return record;
  }
}
