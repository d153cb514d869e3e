package io.onramp.engine.insights;

import static io.onramp.engine.insights.Percentiles.days;

import io.onramp.processes.Stage;
import io.onramp.web.InvalidField;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "Customers like you reach first value in 3–4 weeks; n=42": for a segment, product and ARR band, the
 * days from closed-won to each milestone as percentiles of comparable onboardings that reached first
 * value. With too few alike (under {@code minSample}), it widens: first ignoring the product, then the
 * ARR band, then the segment, and says which it compared on.
 */
@Service
class CustomersLikeYou {

  record Milestone(Stage stage, long n, Double p25, Double median, Double p75) {}
  record Expectation(Map<String, String> comparedOn, List<String> ignored, long n, String summary, List<Milestone> milestones) {}

  private record Criterion(String name, String value, String sql) {}

  private final JdbcClient jdbc;
  private final InsightsProperties properties;

  CustomersLikeYou(JdbcClient jdbc, InsightsProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  Expectation expect(String segment, String product, Double arr) {
    if (arr != null && arr < 0) {
      throw new InvalidField("arr", "must not be negative");
    }
    List<Criterion> criteria = new ArrayList<>();               // widened from the end
    add(criteria, "segment", segment, "o.segment = :segment");
    add(criteria, "arrBand", arr == null ? null : Dimension.arrBand(arr), Dimension.ARR_BAND.sql + " = :arrBand");
    add(criteria, "product", product, "o.product = :product");
    List<String> ignored = new ArrayList<>();
    while (true) {
      Map<String, Object> params = new HashMap<>();
      StringBuilder where = new StringBuilder("o.first_value_at is not null");
      for (Criterion c : criteria) {
        where.append(" and ").append(c.sql());
        params.put(c.name(), c.value());
      }
      long n = jdbc.sql("select count(*) from onramp_onboarding o where " + where).params(params).query(Long.class).single();
      if (n >= properties.minSample() || criteria.isEmpty()) {
        Map<String, String> on = new LinkedHashMap<>();
        criteria.forEach(c -> on.put(c.name(), c.value()));
        List<Milestone> milestones = milestones(where.toString(), params);
        return new Expectation(on, ignored, n, summary(n, milestones), milestones);
      }
      ignored.add(criteria.removeLast().name());
    }
  }

  private static void add(List<Criterion> criteria, String name, String value, String sql) {
    if (value != null && !value.isBlank()) {
      criteria.add(new Criterion(name, value.trim(), sql));
    }
  }

  private List<Milestone> milestones(String where, Map<String, Object> params) {
    Map<Stage, Milestone> byStage = new HashMap<>();
    jdbc.sql("select t.stage, count(*), percentile_cont(array[0.25, 0.5, 0.75]) within group (order by "
            + days(Cohort.WON, "t.entered_at") + ") from onramp_onboarding o join onramp_stage_transition t on t.onboarding_id = o.id "
            + "where " + where + " and t.stage <> 'HANDOFF' group by t.stage")
        .params(params).query((rs, n) -> byStage.put(Stage.valueOf(rs.getString(1)), milestone(rs.getString(1), rs.getLong(2), rs.getArray(3))))
        .list();
    List<Milestone> milestones = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      if (byStage.containsKey(stage)) {
        milestones.add(byStage.get(stage));
      }
    }
    return milestones;
  }

  private static Milestone milestone(String stage, long n, Array values) throws SQLException {
    Object[] v = (Object[]) values.getArray();
    return new Milestone(Stage.valueOf(stage), n, Percentiles.round(v[0]), Percentiles.round(v[1]), Percentiles.round(v[2]));
  }

  /** The sentence a handoff shows: the middle half of first-value times, in weeks from two weeks on. */
  static String summary(long n, List<Milestone> milestones) {
    Milestone firstValue = milestones.stream().filter(m -> m.stage() == Stage.FIRST_VALUE).findFirst().orElse(null);
    if (firstValue == null || n == 0) {
      return "no comparable onboarding has reached first value yet";
    }
    double low = firstValue.p25();
    double high = firstValue.p75();
    String range = high >= 14
        ? span(Math.round(low / 7), Math.round(high / 7), "week")
        : span(Math.round(low), Math.round(high), "day");
    return "customers like you reach first value in " + range + "; n=" + n;
  }

  private static String span(long low, long high, String unit) {
    return (low == high ? String.valueOf(low) : low + "–" + high) + " " + unit + (high == 1 ? "" : "s");
  }
}
