package io.onramp.engine.insights;

import java.sql.Array;
import java.sql.SQLException;

/** Days at the median, 75th and 90th percentile over {@code n} onboardings (nulls when n is 0). */
record Percentiles(long n, Double median, Double p75, Double p90) {

  /** SQL for the three percentiles of a day count (use with {@link #of}); {@code days} must be null where it does not apply. */
  static String sql(String days) {
    return "count(" + days + "), percentile_cont(array[0.5, 0.75, 0.9]) within group (order by " + days + ")";
  }

  static Percentiles of(long n, Array values) throws SQLException {
    if (n == 0 || values == null) {
      return new Percentiles(0, null, null, null);
    }
    Object[] v = (Object[]) values.getArray();
    return new Percentiles(n, round(v[0]), round(v[1]), round(v[2]));
  }

  static Double round(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
  }

  /** Days between two timestamps' SQL expressions, as a fraction (double precision: it sorts several times faster than numeric). */
  static String days(String from, String until) {
    return "(date_part('epoch', " + until + " - " + from + ") / 86400)";
  }
}
