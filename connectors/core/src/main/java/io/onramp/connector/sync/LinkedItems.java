package io.onramp.connector.sync;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The link check every round starts with: an item whose onboarding has no record in this CRM cannot be written. */
public final class LinkedItems {

  private LinkedItems() {}

  /**
   * The items whose onboarding links a record in this CRM ({@code linked}); each other item fails — an incident
   * naming the missing link ({@code link}, e.g. {@code hubspotDealId}) — in {@code outcomes}.
   */
  public static List<SyncItem> of(List<SyncItem> items, String link, Predicate<SyncItem.Links> linked, Map<Long, Outcome> outcomes) {
    List<SyncItem> ready = items.stream().filter(i -> linked.test(i.onboarding().links())).toList();
    items.stream().filter(i -> !linked.test(i.onboarding().links())).forEach(i ->
        outcomes.put(i.id(), new Outcome.Failed("onboarding " + i.onboarding().id() + " has no " + link)));
    return ready;
  }
}
