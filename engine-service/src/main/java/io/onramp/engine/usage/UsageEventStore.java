package io.onramp.engine.usage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The event store ({@code onramp_usage_event}): one row per event id, a batch written in one statement. */
@Component
class UsageEventStore {

  private final JdbcClient jdbc;

  UsageEventStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One statement for the whole batch; the ids it stored (an id stored before, or twice in the batch, is stored once). */
  Set<String> insertAll(List<UsageEvent> events, String[] onboardingOf, String[] fingerprints,
                                  UsageSignals.Source source, Instant now) {
    List<Integer> matched = IntStream.range(0, events.size()).filter(i -> onboardingOf[i] != null).boxed().toList();
    if (matched.isEmpty()) {
      return new HashSet<>();
    }
    return new HashSet<>(jdbc.sql("""
        insert into onramp_usage_event (event_id, onboarding_id, kind, value, occurred_at, fingerprint, received_at, source)
        select e.*, :now, :source from unnest(cast(:ids as varchar[]), cast(:onboardings as varchar[]), cast(:kinds as varchar[]),
          cast(:values as numeric[]), cast(:ats as timestamptz[]), cast(:fingerprints as varchar[])) as e
        on conflict (event_id) do nothing returning event_id
        """)
        .param("ids", matched.stream().map(i -> events.get(i).eventId()).toArray(String[]::new))
        .param("onboardings", matched.stream().map(i -> onboardingOf[i]).toArray(String[]::new))
        .param("kinds", matched.stream().map(i -> events.get(i).kind().name()).toArray(String[]::new))
        .param("values", matched.stream().map(i -> UsageSignals.value(events.get(i)).toPlainString()).toArray(String[]::new))
        .param("ats", matched.stream().map(i -> events.get(i).occurredAt().toString()).toArray(String[]::new))
        .param("fingerprints", matched.stream().map(i -> fingerprints[i]).toArray(String[]::new))
        .param("now", Timestamp.from(now)).param("source", source.name())
        .query(String.class).list());
  }

  /** What the ids this batch did not store said when they were stored before. */
  Map<String, String> earlierFingerprints(List<UsageEvent> events, String[] onboardingOf, Set<String> inserted) {
    String[] again = IntStream.range(0, events.size()).filter(i -> onboardingOf[i] != null)
        .mapToObj(i -> events.get(i).eventId()).filter(id -> !inserted.contains(id)).distinct().toArray(String[]::new);
    Map<String, String> earlier = new HashMap<>();
    if (again.length > 0) {
      jdbc.sql("select event_id, fingerprint from onramp_usage_event where event_id = any(cast(:ids as varchar[]))").param("ids", again)
          .query((rs, n) -> earlier.put(rs.getString(1), rs.getString(2))).list();
    }
    return earlier;
  }

  /** What an event says, hashed: the same id saying something else is a conflict, not a duplicate. */
  static String fingerprint(String account, UsageEvent e, BigDecimal value) {
    String canonical = account + "|" + e.kind() + "|" + value.stripTrailingZeros().toPlainString() + "|" + e.occurredAt();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
