package io.onramp.engine.insights;

import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The onboardings a report looks at: those won (or, without a closed-won date, started) from
 * {@code from} (inclusive) to {@code to} (exclusive), split by an optional dimension.
 */
record Cohort(LocalDate from, LocalDate to, Dimension by) {

  static final String WON = "coalesce(o.closed_won_at, o.started_at)";
  static final String WHERE = WON + " >= :from and " + WON + " < :to";

  /** Defaults: the twelve months up to and including today. */
  static Cohort of(String from, String to, String by, LocalDate today) {
    LocalDate end = date("to", to, today.plusDays(1));
    LocalDate start = date("from", from, end.minusYears(1));
    if (!start.isBefore(end)) {
      throw new InvalidField("from", "must be before 'to' (" + start + " is not before " + end + ")");
    }
    return new Cohort(start, end, Dimension.parse(by));
  }

  private static LocalDate date(String field, String value, LocalDate otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidField(field, "'" + value + "' is not a date like 2026-01-31");
    }
  }

  Map<String, Object> params() {
    return Map.of("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
        "to", Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
  }
}
