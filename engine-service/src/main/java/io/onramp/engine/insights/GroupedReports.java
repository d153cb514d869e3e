package io.onramp.engine.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shape most reports share: aggregates over the cohort's onboardings, once overall and once per
 * value of the cohort's {@code by} split, in one query (grouping sets).
 */
@Component
class GroupedReports {

  record Group<T>(String key, T value) {}
  record Report<T>(LocalDate from, LocalDate to, String by, T overall, List<Group<T>> groups) {}

  private final JdbcClient jdbc;

  GroupedReports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  <T> Report<T> grouped(Cohort cohort, String aggregates, Row<T> row) {
    return grouped(cohort, "", aggregates, cohort.params(), row);
  }

  <T> Report<T> grouped(Cohort cohort, String aggregates, Map<String, Object> params, Row<T> row) {
    return grouped(cohort, "", aggregates, params, row);
  }

  /** One row per group and one overall (grouping sets); columns 1-2 are the key and 1 on the overall row. */
  <T> Report<T> grouped(Cohort cohort, String joins, String aggregates, Map<String, Object> params, Row<T> row) {
    List<Group<T>> groups = new ArrayList<>();
    List<T> overall = new ArrayList<>();
    String sql = cohort.by() == null
        ? "select 'all', 1, " + aggregates + " from onramp_onboarding o " + joins + " where " + cohort.where()
        : "select " + cohort.by().sql + ", grouping(" + cohort.by().sql + "), " + aggregates + " from onramp_onboarding o " + joins
            + " where " + cohort.where() + " group by grouping sets ((" + cohort.by().sql + "), ()) order by 2 desc, 1";
    jdbc.sql(sql)
        .params(params).query((rs, n) -> {
          T value = row.map(rs);
          if (rs.getInt(2) == 1) {
            overall.add(value);
          } else {
            groups.add(new Group<>(rs.getString(1), value));
          }
          return value;
        }).list();
    return new Report<>(cohort.from(), cohort.to(), cohort.by() == null ? null : cohort.by().label(),
        overall.isEmpty() ? null : overall.getFirst(), groups);
  }
}
