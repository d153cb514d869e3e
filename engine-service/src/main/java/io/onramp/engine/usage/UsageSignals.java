package io.onramp.engine.usage;

import io.onramp.engine.config.ConflictRetry;
import io.onramp.engine.health.HealthChanges;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingRepository;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
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

  /** Every problem of a batch, each naming its field ({@code events[3].occurredAt}). */
  public static class InvalidEvents extends RuntimeException {
    private final List<Map<String, String>> errors;

    InvalidEvents(List<Map<String, String>> errors) {
      super(errors.size() + " invalid field(s)");
      this.errors = errors;
    }

    public List<Map<String, String>> errors() {
      return errors;
    }
  }

  static final int MAX_EVENTS = 500;
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
  private static final BigDecimal MAX_VALUE = BigDecimal.valueOf(1_000_000_000L);
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final OnboardingRepository onboardings;
  private final Adoption adoption;
  private final Activation activation;
  private final HealthChanges health;
  private final TransactionTemplate transaction;

  UsageSignals(JdbcClient jdbc, OnboardingRepository onboardings, Adoption adoption, Activation activation, HealthChanges health,
               PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.onboardings = onboardings;
    this.adoption = adoption;
    this.activation = activation;
    this.health = health;
    this.transaction = new TransactionTemplate(transactions);
  }

  public Receipt receive(List<UsageEvent> events, Source source) {
    Instant now = ClockUtil.now().toInstant();
    validate(events, now);
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
      fingerprints[i] = onboardingOf[i] == null ? null : fingerprint(events.get(i), value(events.get(i)));
    }
    java.util.Set<String> inserted = insertAll(events, onboardingOf, fingerprints, source, now);
    Map<String, String> earlier = earlierFingerprints(events, onboardingOf, inserted);

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

  /** One statement for the whole batch; the ids it stored (an id stored before, or twice in the batch, is stored once). */
  private java.util.Set<String> insertAll(List<UsageEvent> events, String[] onboardingOf, String[] fingerprints, Source source,
                                          Instant now) {
    List<Integer> matched = java.util.stream.IntStream.range(0, events.size()).filter(i -> onboardingOf[i] != null).boxed().toList();
    if (matched.isEmpty()) {
      return new java.util.HashSet<>();
    }
    return new java.util.HashSet<>(jdbc.sql("""
        insert into onramp_usage_event (event_id, onboarding_id, kind, value, occurred_at, fingerprint, received_at, source)
        select e.*, :now, :source from unnest(cast(:ids as varchar[]), cast(:onboardings as varchar[]), cast(:kinds as varchar[]),
          cast(:values as numeric[]), cast(:ats as timestamptz[]), cast(:fingerprints as varchar[])) as e
        on conflict (event_id) do nothing returning event_id
        """)
        .param("ids", matched.stream().map(i -> events.get(i).eventId()).toArray(String[]::new))
        .param("onboardings", matched.stream().map(i -> onboardingOf[i]).toArray(String[]::new))
        .param("kinds", matched.stream().map(i -> events.get(i).kind().name()).toArray(String[]::new))
        .param("values", matched.stream().map(i -> value(events.get(i)).toPlainString()).toArray(String[]::new))
        .param("ats", matched.stream().map(i -> events.get(i).occurredAt().toString()).toArray(String[]::new))
        .param("fingerprints", matched.stream().map(i -> fingerprints[i]).toArray(String[]::new))
        .param("now", Timestamp.from(now)).param("source", source.name())
        .query(String.class).list());
  }

  /** What the ids this batch did not store said when they were stored before. */
  private Map<String, String> earlierFingerprints(List<UsageEvent> events, String[] onboardingOf, java.util.Set<String> inserted) {
    String[] again = java.util.stream.IntStream.range(0, events.size()).filter(i -> onboardingOf[i] != null)
        .mapToObj(i -> events.get(i).eventId()).filter(id -> !inserted.contains(id)).distinct().toArray(String[]::new);
    Map<String, String> earlier = new HashMap<>();
    if (again.length > 0) {
      jdbc.sql("select event_id, fingerprint from onramp_usage_event where event_id = any(cast(:ids as varchar[]))").param("ids", again)
          .query((rs, n) -> earlier.put(rs.getString(1), rs.getString(2))).list();
    }
    return earlier;
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

  private static BigDecimal value(UsageEvent e) {
    return e.value() == null ? BigDecimal.ONE : e.value();
  }

  private static String fingerprint(UsageEvent e, BigDecimal value) {
    String canonical = account(e) + "|" + e.kind() + "|" + value.stripTrailingZeros().toPlainString() + "|" + e.occurredAt();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void validate(List<UsageEvent> events, Instant now) {
    List<Map<String, String>> errors = new ArrayList<>();
    if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
      errors.add(error("events", "send 1 to " + MAX_EVENTS + " events" + (events == null ? "; it is missing" : ", not " + events.size())));
      throw new InvalidEvents(errors);
    }
    for (int i = 0; i < events.size(); i++) {
      String at = "events[" + i + "].";
      UsageEvent e = events.get(i);
      if (e == null) {
        errors.add(error("events[" + i + "]", "is empty"));
        continue;
      }
      if (!present(e.eventId())) {
        errors.add(error(at + "eventId", "is required: the sender's own id of the event, so a resend is recognised"));
      } else if (!EVENT_ID.matcher(e.eventId()).matches()) {
        errors.add(error(at + "eventId", "must be 1 to 128 characters of letters, digits and . _ : @ / -"));
      }
      long named = java.util.stream.Stream.of(e.onboarding(), e.hubspotCompanyId(), e.salesforceAccountId()).filter(UsageSignals::present).count();
      if (named != 1) {
        errors.add(error(at + "onboarding", (named == 0 ? "name the account" : "name the account once")
            + " with exactly one of onboarding, hubspotCompanyId or salesforceAccountId"));
      }
      if (e.kind() == null) {
        errors.add(error(at + "kind", "is required: one of " + java.util.Arrays.toString(UsageKind.values())));
      }
      if (e.value() == null && e.kind() == UsageKind.ACTIVE_USERS) {
        errors.add(error(at + "value", "is required for ACTIVE_USERS: how many users were active"));
      } else if (e.value() != null && (e.value().signum() < 0 || e.value().compareTo(MAX_VALUE) > 0)) {
        errors.add(error(at + "value", "must be from 0 to " + MAX_VALUE.toPlainString() + ", not " + e.value().toPlainString()));
      } else if (e.value() != null && e.value().stripTrailingZeros().scale() > 0) {
        errors.add(error(at + "value", "must be a whole number, not " + e.value().toPlainString()));
      }
      if (e.occurredAt() == null) {
        errors.add(error(at + "occurredAt", "is required: when it happened (ISO-8601 instant)"));
      } else if (e.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
        errors.add(error(at + "occurredAt", e.occurredAt() + " is in the future"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEvents(errors);
    }
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
