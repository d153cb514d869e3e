package io.onramp.engine.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports and lists as CSV (RFC 4180: comma, CRLF, quotes doubled) for a spreadsheet. A cell that a spreadsheet would run
 * as a formula (starting with = + - @, as an account name from a CRM might) is prefixed with an apostrophe.
 */
final class CsvTable {

  private CsvTable() {}

  static String listing(OnboardingList.Listing listing) {
    StringBuilder csv = new StringBuilder();
    line(csv, List.of("onboarding", "handoff", "account", "segment", "product", "arr band", "csm", "stage", "days in stage", "health",
        "closed won", "first value"));
    for (OnboardingList.Row r : listing.onboardings()) {
      line(csv, java.util.Arrays.asList(r.id(), r.handoffId(), r.account(), r.segment(), r.product(), r.arrBand(), r.csm(), r.stage(),
          r.daysInStage(), r.health(), r.closedWonAt(), r.firstValueAt()));
    }
    return csv.toString();
  }

  /** One row overall ({@code group} "all") and one per group; columns are the report's figures, nested names joined by dots. */
  static String report(JsonNode report) {
    List<Map<String, String>> rows = new ArrayList<>();
    if (report.has("overall")) {
      rows.add(row("all", report.get("overall")));
      report.path("groups").forEach(g -> rows.add(row(g.path("key").asText(), g.get("value"))));
    } else {
      rows.add(row("all", report));
    }
    List<String> columns = new ArrayList<>(List.of("group"));
    rows.forEach(r -> r.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
    StringBuilder csv = new StringBuilder();
    line(csv, new ArrayList<>(columns));
    rows.forEach(r -> line(csv, new ArrayList<>(columns.stream().map(r::get).toList())));
    return csv.toString();
  }

  private static Map<String, String> row(String group, JsonNode value) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("group", group);
    flatten("", value, row);
    return row;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
    if (node == null || node.isNull()) {
      if (!prefix.isEmpty()) row.put(prefix, "");
    } else if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), row));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String name = item.isObject() ? item.path("stage").asText(item.path("step").asText(item.path("month").asText(String.valueOf(i))))
            : String.valueOf(i);
        flatten(prefix + "." + name, item, row);
      }
    } else {
      row.put(prefix, node.asText());
    }
  }

  private static void line(StringBuilder csv, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
      text = "'" + text;
    }
    return text.matches(".*[\",\r\n].*") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
