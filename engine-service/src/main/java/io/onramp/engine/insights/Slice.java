package io.onramp.engine.insights;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What every report and list takes from the query string: the period ({@code from}, {@code to}), the split ({@code by})
 * and the filters — one value each of {@code segment}, {@code variant}, {@code product}, {@code csm}, {@code arrBand}.
 */
record Slice(String from, String to, String by, String segment, String variant, String product, String csm, String arrBand) {

  Cohort cohort() {
    Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
    filters.put(Dimension.SEGMENT, segment);
    filters.put(Dimension.VARIANT, variant);
    filters.put(Dimension.PRODUCT, product);
    filters.put(Dimension.CSM, csm);
    filters.put(Dimension.ARR_BAND, arrBand);
    filters.values().removeIf(v -> v == null);
    return Cohort.of(from, to, by, filters, LocalDate.ofInstant(ClockUtil.now().toInstant(), ZoneOffset.UTC));
  }
}
