package io.onramp.engine.usage;

import io.onramp.engine.config.ConflictRetry;
import io.onramp.engine.health.HealthChanges;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives product-usage events: validates them, finds each account's onboarding, stores the events (idempotent by event
 * id) and the onboarding's adoption summary, passes an activation on to the journey and asks the health table again — all
 * of one batch in one transaction, so a batch is stored whole or not at all.
 */
@Service
public class UsageSignals {

  /** Where events came from. */
  public enum Source { API, HUBSPOT, SALESFORCE }

  public enum Status { ACCEPTED, DUPLICATE, UNMATCHED }

  public record EventResult(String eventId, Status status, String onboardingId, String message) {}

  public record HealthResult(String onboardingId, String health, boolean changed) {}

  public record Receipt(int accepted, int duplicates, int unmatched, List<EventResult> events, List<HealthResult> health) {}


  private final JdbcClient jdbc;
  private final OnboardingRepository onboardings;
  private final Adoption adoption;
  private final Activation activation;
  private final HealthChanges health;
  private final TransactionTemplate transaction;
  private final UsageEventStore store;

  UsageSignals(JdbcClient jdbc, OnboardingRepository onboardings, Adoption adoption, Activation activation, HealthChanges health,
               PlatformTransactionManager transactions, UsageEventStore store) {
    this.store = store;
    this.jdbc = jdbc;
    this.onboardings = onboardings;
    this.adoption = adoption;
    this.activation = activation;
    this.health = health;
    this.transaction = new TransactionTemplate(transactions);
  }

  public Receipt receive(List<UsageEvent> events, Source source) {
    Instant now = ClockUtil.now().toInstant();
    UsageEventRules.check(events, now);
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(s -> store(events, source, ClockUtil.now().toInstant()));
      } catch (RuntimeException e) {
        if (attempt >= ConflictRetry.ATTEMPTS || !ConflictRetry.isConflict(e)) {
          throw e;
        }
      }
    }
  }

  private Receipt store(List<UsageEvent> events, Source source, Instant now) {
    Map<String, Optional<String>> accounts = new HashMap<>();
    String[] onboardingOf = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      onboardingOf[i] = accounts.computeIfAbsent(account(e), k -> resolve(e)).orElse(null);
    }
    TreeMap<String, Adoption.Delta> touched = new TreeMap<>();        // locked in id order: no deadlock between batches
    for (String id : onboardingOf) {
      if (id != null) {
        touched.put(id, new Adoption.Delta());
      }
    }
    Map<String, Onboarding> locked = new LinkedHashMap<>();
    touched.keySet().forEach(id -> onboardings.lock(id).ifPresent(o -> locked.put(id, o)));

    String[] fingerprints = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      fingerprints[i] = onboardingOf[i] == null ? null : UsageEventStore.fingerprint(account(events.get(i)), events.get(i),
          value(events.get(i)));
    }
    Set<String> inserted = store.insertAll(events, onboardingOf, fingerprints, source, now);
    Map<String, String> earlier = store.earlierFingerprints(events, onboardingOf, inserted);

    List<EventResult> results = new ArrayList<>();
    int accepted = 0;
    int duplicates = 0;
    int unmatched = 0;
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      String id = onboardingOf[i];
      if (id == null) {
        unmatched++;
        results.add(new EventResult(e.eventId(), Status.UNMATCHED, null, "no onboarding for " + account(e)));
        continue;
      }
      if (inserted.remove(e.eventId())) {                        // the first of its id in this batch, stored now
        earlier.put(e.eventId(), fingerprints[i]);
        accepted++;
        touched.get(id).add(e.kind(), value(e), e.occurredAt());
        results.add(new EventResult(e.eventId(), Status.ACCEPTED, id, null));
        continue;
      }
      if (!fingerprints[i].equals(earlier.get(e.eventId()))) {
        throw new UsageEventConflict("events[" + i + "].eventId", e.eventId());
      }
      duplicates++;
      results.add(new EventResult(e.eventId(), Status.DUPLICATE, id, "received before"));
    }

    List<HealthResult> healthResults = new ArrayList<>();
    touched.forEach((id, delta) -> {
      if (delta.isEmpty() || !locked.containsKey(id)) {
        return;
      }
      Onboarding onboarding = locked.get(id);
      Optional<Instant> activatedNow = adoption.apply(id, delta, now);
      if (onboarding.endedAt() != null) {
        return;
      }
      activatedNow.ifPresent(at -> activation.activated(id, at));
      Optional<HealthChanges.Change> change = health.reassess(id, HealthChanges.Cause.SIGNAL, now);
      healthResults.add(new HealthResult(id, change.map(c -> c.to().name()).orElse(onboarding.health().name()), change.isPresent()));
    });
    return new Receipt(accepted, duplicates, unmatched, results, healthResults);
  }

  private Optional<String> resolve(UsageEvent e) {
    if (present(e.onboarding())) {
      String key = e.onboarding().trim();
      return onboardings.find(key).or(() -> onboardings.findByBusinessKey(key)).map(Onboarding::id);
    }
    String column = present(e.hubspotCompanyId()) ? "hubspot_company_id" : "salesforce_account_id";
    String value = present(e.hubspotCompanyId()) ? e.hubspotCompanyId().trim() : e.salesforceAccountId().trim();
    return jdbc.sql("select id from onramp_onboarding where " + column + " = ? order by (ended_at is null) desc, started_at desc limit 1")
        .param(value).query(String.class).optional();
  }

  private static String account(UsageEvent e) {
    return present(e.onboarding()) ? "onboarding " + e.onboarding().trim()
        : present(e.hubspotCompanyId()) ? "HubSpot company " + e.hubspotCompanyId().trim()
        : "Salesforce account " + e.salesforceAccountId().trim();
  }

  static BigDecimal value(UsageEvent e) {
    return e.value() == null ? BigDecimal.ONE : e.value();
  }


  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
