package io.onramp.engine.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a batch of usage events must be: 1 to 500 events, each with the sender's id, exactly one account, a kind, a
 * whole value in range (required for ACTIVE_USERS) and a time not in the future. Every problem is named by its field
 * ({@code events[3].occurredAt}), all at once.
 */
public final class UsageEventRules {

  /** Every problem of a batch, each naming its field ({@code events[3].occurredAt}). */
  public static class Invalid extends RuntimeException {
    private final List<Map<String, String>> errors;

    Invalid(List<Map<String, String>> errors) {
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

  private UsageEventRules() {}

  /** Every problem of the batch at once, or nothing. */
  static void check(List<UsageEvent> events, Instant now) {
    List<Map<String, String>> errors = new ArrayList<>();
    if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
      errors.add(error("events", "send 1 to " + MAX_EVENTS + " events" + (events == null ? "; it is missing" : ", not " + events.size())));
      throw new Invalid(errors);
    }
    for (int i = 0; i < events.size(); i++) {
      String at = "events[" + i + "].";
      UsageEvent e = events.get(i);
      if (e == null) {
        errors.add(error("events[" + i + "]", "is empty"));
        continue;
      }
      if (!UsageSignals.present(e.eventId())) {
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
      throw new Invalid(errors);
    }
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
