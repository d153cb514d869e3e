package io.onramp.engine.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Reads a date a journey recorded (closed-won, a step's first-value or go-live date): a Date, an ISO instant or an ISO date (its start, UTC). */
final class BusinessDate {
  private BusinessDate() {}

  static Instant parse(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notAnInstant) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
          return null;                          // unreadable: TTV counts from the journey's start
        }
      }
    }
    return null;
  }
}
