package io.onramp.connector.eloqua.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.sync.SyncItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One "Onboarding" custom object record per onboarding, found by its onboarding-id field and then
 * created or updated: stage, health, go-live and first-value dates (Unix time, as Eloqua keeps dates).
 */
public class OnboardingRecords {

  private final EloquaApi api;
  private final EloquaCalls calls;
  private final EloquaCatalog catalog;
  private final EloquaProperties.OnboardingObject fields;

  public OnboardingRecords(EloquaApi api, EloquaCalls calls, EloquaCatalog catalog, EloquaProperties properties) {
    this.api = api;
    this.calls = calls;
    this.catalog = catalog;
    this.fields = properties.onboardingObject();
  }

  public void write(SyncItem.Onboarding onboarding) {
    EloquaCatalog.CustomObject object = catalog.onboardingObject();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("type", "CustomObjectData");
    record.put("name", onboarding.accountName() == null ? onboarding.id() : onboarding.accountName());
    record.put("fieldValues", new FieldValues()
        .put(object.field(fields.onboardingId()), onboarding.id())
        .put(object.field(fields.accountName()), onboarding.accountName())
        .put(object.field(fields.stage()), onboarding.stage())
        .put(object.field(fields.health()), onboarding.health())
        .put(object.field(fields.goLiveDate()), unix(onboarding.goLiveAt()))
        .put(object.field(fields.firstValueDate()), unix(onboarding.firstValueAt())).list());
    JsonNode found = calls.call("records.search", base -> api.searchRecords(base, object.id(),
        fields.onboardingId() + "='" + onboarding.id() + "'", "minimal"));
    JsonNode existing = found.path("elements").path(0);
    if (existing.isMissingNode()) {
      calls.call("record.create", base -> api.createRecord(base, object.id(), record));
    } else {
      String id = existing.path("id").asText();
      record.put("id", id);
      calls.call("record.update", base -> api.updateRecord(base, object.id(), id, record));
    }
  }

  private static Long unix(Instant instant) {
    return instant == null ? null : instant.getEpochSecond();
  }
}
