package io.onramp.connector.hubspot.sync;

import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HubSpot's side of the sync loop: onboarding items update deals, task items mirror tasks. */
public class HubSpotCrm implements CrmWriter {

  private final DealStagePush deals;
  private final TaskMirror tasks;

  HubSpotCrm(DealStagePush deals, TaskMirror tasks) {
    this.deals = deals;
    this.tasks = tasks;
  }

  @Override
  public String crm() {
    return "hubspot";
  }

  @Override
  public Map<Long, Outcome> write(List<SyncItem> items) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    List<SyncItem> linked = items.stream().filter(i -> i.onboarding().links().hubspotDealId() != null).toList();
    items.stream().filter(i -> !linked.contains(i))
        .forEach(i -> outcomes.put(i.id(), new Outcome.Failed("onboarding " + i.onboarding().id() + " has no hubspotDealId")));
    outcomes.putAll(deals.push(linked.stream().filter(i -> i.kind() == SyncItem.Kind.ONBOARDING).toList()));
    outcomes.putAll(tasks.mirror(linked.stream().filter(i -> i.kind() == SyncItem.Kind.TASK).toList()));
    return outcomes;
  }
}
