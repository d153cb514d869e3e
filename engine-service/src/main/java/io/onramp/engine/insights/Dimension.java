package io.onramp.engine.insights;

import io.onramp.web.InvalidField;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a report can be split by; each maps to a fixed SQL expression over {@code onramp_onboarding o}. */
enum Dimension {
  SEGMENT("coalesce(o.segment, 'unknown')"),
  VARIANT("coalesce(o.variant, 'unknown')"),
  PRODUCT("coalesce(o.product, 'unknown')"),
  CSM("coalesce(o.csm, 'unassigned')"),
  ARR_BAND("case when o.arr is null then 'unknown' when o.arr < 10000 then '<10k' when o.arr < 50000 then '10k-50k' "
      + "when o.arr < 250000 then '50k-250k' else '250k+' end");

  final String sql;

  Dimension(String sql) {
    this.sql = sql;
  }

  /** As the {@code by} parameter spells it. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** As a filter's query parameter spells it: segment, variant, product, csm, arrBand. */
  String parameter() {
    return this == ARR_BAND ? "arrBand" : name().toLowerCase(Locale.ROOT);
  }

  /** The ARR band an amount falls in, as {@link #ARR_BAND} names it. */
  static String arrBand(double arr) {
    return arr < 10_000 ? "<10k" : arr < 50_000 ? "10k-50k" : arr < 250_000 ? "50k-250k" : "250k+";
  }

  static Dimension parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new InvalidField("by", "'" + value + "' is not a dimension; use one of "
            + Arrays.stream(values()).map(Dimension::label).collect(Collectors.joining(", "))));
  }
}
