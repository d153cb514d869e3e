package io.onramp.connector.hubspot.sync;

import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.LinkedItems;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** HubSpot's side of the sync loop: onboarding items update deals, task items mirror tasks. */
public class HubSpotCrm implements CrmWriter {

  private static final Duration HOLD_BACK = Duration.ofSeconds(10);

  private final DealStagePush deals;
  private final TaskMirror tasks;
  private final BooleanSupplier provisioned;

  /** {@code provisioned}: whether the properties the writes use exist; until then items are handed back to retry. */
  HubSpotCrm(DealStagePush deals, TaskMirror tasks, BooleanSupplier provisioned) {
    this.deals = deals;
    this.tasks = tasks;
    this.provisioned = provisioned;
  }

  @Override
  public String crm() {
    return "hubspot";
  }

  @Override
  public Map<Long, Outcome> write(List<SyncItem> items) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    if (!provisioned.getAsBoolean()) {
      Instant later = Instant.now().plus(HOLD_BACK);
      items.forEach(i -> outcomes.put(i.id(), new Outcome.Retry(later, "HubSpot properties not provisioned yet")));
      return outcomes;
    }
    List<SyncItem> linked = LinkedItems.of(items, "hubspotDealId", links -> links.hubspotDealId() != null, outcomes);
    outcomes.putAll(deals.push(linked.stream().filter(i -> i.kind() == SyncItem.Kind.ONBOARDING).toList()));
    outcomes.putAll(tasks.mirror(linked.stream().filter(i -> i.kind() == SyncItem.Kind.TASK).toList()));
    return outcomes;
  }
}
