package io.onramp.engine.insights;

import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The onboardings a report looks at: those won (or, without a closed-won date, started) from
 * {@code from} (inclusive) to {@code to} (exclusive), narrowed to one value of any dimension ({@code filters}:
 * only enterprise, only casey's), split by an optional dimension.
 */
record Cohort(LocalDate from, LocalDate to, Dimension by, Map<Dimension, String> filters) {

  static final String WON = "coalesce(o.closed_won_at, o.started_at)";
  private static final String PERIOD = WON + " >= :from and " + WON + " < :to";
  private static final List<String> ARR_BANDS = List.of("<10k", "10k-50k", "50k-250k", "250k+", "unknown");

  /** Defaults: the twelve months up to and including today. */
  static Cohort of(String from, String to, String by, LocalDate today) {
    return of(from, to, by, Map.of(), today);
  }

  /** {@code filters}: dimension → the one value to keep, as the dimension's groups name it; blank values are ignored. */
  static Cohort of(String from, String to, String by, Map<Dimension, String> filters, LocalDate today) {
    LocalDate end = date("to", to, today.plusDays(1));
    LocalDate start = date("from", from, end.minusYears(1));
    if (!start.isBefore(end)) {
      throw new InvalidField("from", "must be before 'to' (" + start + " is not before " + end + ")");
    }
    Map<Dimension, String> kept = new LinkedHashMap<>();
    filters.forEach((dimension, value) -> {
      if (value != null && !value.isBlank()) {
        kept.put(dimension, filter(dimension, value.trim()));
      }
    });
    return new Cohort(start, end, Dimension.parse(by), Map.copyOf(kept));
  }

  /** The cohort's condition over {@code onramp_onboarding o}: the period and every filter. */
  String where() {
    return PERIOD + filters.keySet().stream().map(d -> " and " + d.sql + " = :filter_" + d.name()).collect(Collectors.joining());
  }

  Map<String, Object> params() {
    Map<String, Object> params = new HashMap<>();
    params.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
    params.put("to", Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
    filters.forEach((d, value) -> params.put("filter_" + d.name(), value));
    return params;
  }

  private static String filter(Dimension dimension, String value) {
    String field = dimension.parameter();
    if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidField(field, "must be at most 200 characters without control characters");
    }
    if (dimension == Dimension.ARR_BAND && !ARR_BANDS.contains(value)) {
      throw new InvalidField(field, "'" + value + "' is not an ARR band; use one of " + String.join(", ", ARR_BANDS));
    }
    return value;
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
}
