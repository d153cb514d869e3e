package io.onramp.connector.eloqua.sync;

import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.LinkedItems;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Eloqua's side of the sync loop. For each onboarding: its stakeholder contacts carry the stage and
 * their role, and its "Onboarding" custom object record carries stage, health and dates. Up to
 * {@code bulkThreshold} writes per batch go one by one (search then create or update); above it,
 * through one Bulk API import for the contacts and one for the records. An item is done when all
 * of its writes are; the worst part decides otherwise (refused → failed, unavailable → retry).
 */
public class EloquaCrm implements CrmWriter {

  private static final DateTimeFormatter BULK_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private record ContactWrite(SyncItem item, String email, String role) {
  }

  private final StakeholderContacts contacts;
  private final OnboardingRecords records;
  private final BulkImports bulk;
  private final EloquaCatalog catalog;
  private final EloquaProperties properties;

  public EloquaCrm(StakeholderContacts contacts, OnboardingRecords records, BulkImports bulk, EloquaCatalog catalog,
                   EloquaProperties properties) {
    this.contacts = contacts;
    this.records = records;
    this.bulk = bulk;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public String crm() {
    return "eloqua";
  }

  @Override
  public Map<Long, Outcome> write(List<SyncItem> items) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    items.stream().filter(i -> i.kind() == SyncItem.Kind.TASK)
        .forEach(task -> outcomes.put(task.id(), Outcome.done()));     // Eloqua has no tasks: nothing to mirror
    List<SyncItem> onboardings = LinkedItems.of(items.stream().filter(i -> i.kind() != SyncItem.Kind.TASK).toList(),
        "eloquaContactEmails", links -> !links.eloquaContactEmails().isEmpty(), outcomes);
    onboardings.forEach(item -> outcomes.put(item.id(), Outcome.done()));   // until a write says otherwise
    List<ContactWrite> contactWrites = new ArrayList<>();
    onboardings.forEach(item -> item.onboarding().links().eloquaContactEmails().forEach(email ->
        contactWrites.add(new ContactWrite(item, email, item.onboarding().links().eloquaContactRoles().get(email)))));
    if (contactWrites.size() > properties.bulkThreshold()) {
      bulkContacts(contactWrites, outcomes);
    } else {
      contactWrites.forEach(w -> attempt(w.item(), outcomes, item -> contacts.write(w.email(), item.onboarding().stage(), w.role())));
    }
    if (onboardings.size() > properties.bulkThreshold()) {
      bulkRecords(onboardings, outcomes);
    } else {
      onboardings.forEach(item -> attempt(item, outcomes, i -> records.write(i.onboarding())));
    }
    return outcomes;
  }

  private void bulkContacts(List<ContactWrite> writes, Map<Long, Outcome> outcomes) {
    List<SyncItem> items = writes.stream().map(ContactWrite::item).distinct().toList();
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("email", "{{Contact.Field(C_EmailAddress)}}");
      fields.put("stage", "{{Contact.Field(" + properties.contactFields().stage() + ")}}");
      fields.put("role", "{{Contact.Field(" + properties.contactFields().role() + ")}}");
      List<Map<String, Object>> rows = writes.stream().map(w -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("email", w.email());
        row.put("stage", w.item().onboarding().stage());
        row.put("role", w.role() == null ? "" : w.role());
        return row;
      }).toList();
      Map<String, String> rejected = bulk.run("contacts/imports", "Onramp onboarding stakeholders", fields, "email", rows);
      writes.forEach(w -> {
        String reason = rejected.get(w.email());
        if (reason != null) {
          outcomes.merge(w.item().id(), new Outcome.Failed(w.email() + ": " + reason), EloquaCrm::worse);
        }
      });
    } catch (RuntimeException e) {
      items.forEach(item -> outcomes.merge(item.id(), VendorError.outcome(e), EloquaCrm::worse));
    }
  }

  private void bulkRecords(List<SyncItem> items, Map<Long, Outcome> outcomes) {
    try {
      EloquaCatalog.CustomObject object = catalog.onboardingObject();
      EloquaProperties.OnboardingObject names = properties.onboardingObject();
      Map<String, String> fields = new LinkedHashMap<>();
      Map<String, String> columns = Map.of("onboardingId", names.onboardingId(), "accountName", names.accountName(),
          "stage", names.stage(), "health", names.health(), "goLiveDate", names.goLiveDate(), "firstValueDate", names.firstValueDate());
      columns.forEach((column, field) -> fields.put(column, "{{CustomObject[" + object.id() + "].Field[" + object.field(field) + "]}}"));
      List<Map<String, Object>> rows = items.stream().map(item -> {
        SyncItem.Onboarding o = item.onboarding();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("onboardingId", o.id());
        row.put("accountName", o.accountName() == null ? "" : o.accountName());
        row.put("stage", o.stage());
        row.put("health", o.health());
        row.put("goLiveDate", o.goLiveAt() == null ? "" : BULK_DATE.format(o.goLiveAt()));
        row.put("firstValueDate", o.firstValueAt() == null ? "" : BULK_DATE.format(o.firstValueAt()));
        return row;
      }).toList();
      Map<String, String> rejected = bulk.run("customObjects/" + object.id() + "/imports", "Onramp onboardings", fields,
          "onboardingId", rows);
      items.forEach(item -> {
        String reason = rejected.get(item.onboarding().id());
        if (reason != null) {
          outcomes.merge(item.id(), new Outcome.Failed(reason), EloquaCrm::worse);
        }
      });
    } catch (RuntimeException e) {
      items.forEach(item -> outcomes.merge(item.id(), VendorError.outcome(e), EloquaCrm::worse));
    }
  }

  private static void attempt(SyncItem item, Map<Long, Outcome> outcomes, Consumer<SyncItem> write) {
    if (outcomes.get(item.id()) instanceof Outcome.Done) {
      try {
        write.accept(item);
      } catch (RuntimeException e) {
        outcomes.merge(item.id(), VendorError.outcome(e), EloquaCrm::worse);
      }
    }
  }

  private static Outcome worse(Outcome a, Outcome b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Failed f -> 3;
      case Outcome.Retry r -> 2;
      case Outcome.Released r -> 1;
      case Outcome.Done d -> 0;
      case Outcome.Partial p -> rank(p.then());
    };
  }
}
