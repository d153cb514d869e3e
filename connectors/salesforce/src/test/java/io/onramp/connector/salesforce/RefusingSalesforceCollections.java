package io.onramp.connector.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Salesforce's sObject Collections update refusing the whole request, as it does when one record of the
 * collection cannot even be read: 400 with the error array (JSON_PARSER_ERROR, naming no record) — before
 * {@code allOrNone:false} can judge records one by one. A collection without such a record gets the usual
 * 200 with one result per record, in order.
 */
class RefusingSalesforceCollections implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Opportunity ids whose record Salesforce cannot read. */
  final Set<String> unreadable = ConcurrentHashMap.newKeySet();
  /** The opportunity ids of every collection Salesforce received, in order. */
  final List<List<String>> collections = new CopyOnWriteArrayList<>();

  @Override
  public String getName() {
    return "refusing-salesforce-collections";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      List<String> ids = new ArrayList<>();
      JSON.readTree(event.getRequest().getBodyAsString()).path("records").forEach(r -> ids.add(r.path("id").asText()));
      collections.add(ids);
      ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition()
          .withHeader("Content-Type", "application/json;charset=UTF-8").withHeader("Sforce-Limit-Info", "api-usage=120/15000");
      int at = 0;
      for (String id : ids) {
        at++;
        if (unreadable.contains(id)) {
          return answer.withStatus(400).withBody("[{\"message\":\"Cannot deserialize instance of date from VALUE_STRING value "
              + "2026-02-30 or request may be missing a required field at [line:1, column:" + (at * 180) + "]\","
              + "\"errorCode\":\"JSON_PARSER_ERROR\"}]").build();
        }
      }
      List<String> results = ids.stream().map(id -> "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}").toList();
      return answer.withStatus(200).withBody("[" + String.join(",", results) + "]").build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
