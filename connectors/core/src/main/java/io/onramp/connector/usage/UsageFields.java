package io.onramp.connector.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Product usage kept on the CRM account (a HubSpot company property, a Salesforce Account field, written there by the
 * product or an analytics tool) read as usage events: each configured field names the kind it reports. An
 * {@code ACTIVE_USERS} field holds the number of active users; every other kind's field holds when it last happened (a
 * date, a date-time or epoch milliseconds), which becomes the event's time. A value that is neither is skipped.
 */
public final class UsageFields {

  /** The kinds engine-service accepts. */
  public static final Set<String> KINDS = Set.of("ACTIVE_USERS", "LOGIN", "USER_INVITED", "KEY_FEATURE_USED", "ACTIVATED",
      "EMAIL_OPENED", "EMAIL_CLICKED");

  private final Map<String, String> kindByField;

  /** {@code kindByField}: CRM field name → usage kind; an unknown kind stops the connector at start, naming it. */
  public UsageFields(Map<String, String> kindByField) {
    kindByField.forEach((field, kind) -> {
      if (!KINDS.contains(kind)) {
        throw new IllegalStateException("usage field " + field + " reports '" + kind + "'; use one of " + KINDS);
      }
    });
    this.kindByField = Map.copyOf(kindByField);
  }

  public boolean reports(String field) {
    return field != null && kindByField.containsKey(field);
  }

  /**
   * The event a changed field reports, or empty when the field is not configured or its value says nothing.
   * {@code changedAt}: when the CRM saw the change, the time of a reading.
   */
  public Optional<UsageEvent> event(String eventId, String hubspotCompanyId, String salesforceAccountId, String field, String value,
                                    Instant changedAt) {
    String kind = kindByField.get(field);
    if (kind == null || value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (kind.equals("ACTIVE_USERS")) {
      return number(value).map(n -> new UsageEvent(eventId, hubspotCompanyId, salesforceAccountId, kind, n, changedAt));
    }
    return instant(value.trim()).map(at -> new UsageEvent(eventId, hubspotCompanyId, salesforceAccountId, kind, BigDecimal.ONE,
        at.isAfter(changedAt) ? changedAt : at));
  }

  private static Optional<BigDecimal> number(String value) {
    try {
      BigDecimal n = new BigDecimal(value.trim());
      return n.signum() >= 0 && n.stripTrailingZeros().scale() <= 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> instant(String value) {
    try {
      if (value.chars().allMatch(Character::isDigit)) {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
      }
      if (value.length() == 10) {
        return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      return Optional.of(Instant.parse(value.replace("+0000", "Z")));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
