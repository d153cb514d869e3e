package io.onramp.connector.eloqua.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.limit.RequestBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eloqua Bulk API 2.0 for volume: an import definition (fields and the identifier that makes it an
 * upsert), its rows, a sync, the sync's status polled until it ends, then the rejected rows read
 * back so each row gets its own outcome. Four calls and a few polls instead of one call per record.
 */
public class BulkImports {

  private static final Logger log = LoggerFactory.getLogger(BulkImports.class);

  private final EloquaApi api;
  private final EloquaCalls calls;
  private final Duration poll;
  private final Duration wait;
  private final Clock clock;
  private final RequestBudget.Sleeper sleeper;
  private final RequestBudget imports;

  /** {@code imports}: this replica's share of the instance's hourly bulk-import soft limit. */
  public BulkImports(EloquaApi api, EloquaCalls calls, Duration poll, Duration wait, Clock clock, RequestBudget.Sleeper sleeper,
                     RequestBudget imports) {
    this.imports = imports;
    this.api = api;
    this.calls = calls;
    this.poll = poll;
    this.wait = wait;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Imports {@code rows} (keys = the names in {@code fields}) into {@code importsPath} (e.g.
   * {@code contacts/imports}), matching existing records on {@code identifier}. Returns the rejected
   * rows: their identifier value → Eloqua's reason. A sync that ends in {@code error} naming rejected rows imported
   * nothing: the rows it did not name are imported again at once, so the rejected ones cost the others nothing. Throws when the sync does not end in time, and
   * {@link BudgetSpent} while this hour's imports are used up (the rows wait for the next slot).
   */
  public Map<String, String> run(String importsPath, String name, Map<String, String> fields, String identifier,
                                 List<Map<String, Object>> rows) {
    Instant room = imports.tryAcquire();
    if (room != null) {
      throw BudgetSpent.holdOff("the Eloqua bulk import budget (" + imports.name() + ") is used for this hour", room);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("name", name);
    definition.put("fields", fields);
    definition.put("identifierFieldName", identifier);
    definition.put("isSyncTriggeredOnImport", false);
    definition.put("updateRule", "always");
    definition.put("autoDeleteDuration", "P7D");
    String importUri = calls.call("bulk.import.create", base -> api.createImport(base, importsPath, definition)).path("uri").asText();
    calls.call("bulk.import.data", base -> {
      api.importData(base, importUri, rows);
      return null;
    });
    String syncUri = calls.call("bulk.sync.create", base -> api.createSync(base, Map.of("syncedInstanceUri", importUri)))
        .path("uri").asText();
    String status = awaitEnd(syncUri);
    Map<String, String> rejected = status.equals("success") ? Map.of() : rejects(syncUri, identifier);
    if (status.equals("error") && rejected.isEmpty()) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "Eloqua bulk sync " + syncUri + " ended in error without rejects; "
          + "see " + syncUri + "/logs");
    }
    log.info("Eloqua bulk import {}: {} rows, sync {} {}, {} rejected", importUri, rows.size(), syncUri, status, rejected.size());
    if (status.equals("error")) {
      // the sync refused the whole import for the rows it names: those fail, the others go again at once
      List<Map<String, Object>> good = rows.stream().filter(row -> !rejected.containsKey(String.valueOf(row.get(identifier)))).toList();
      if (!good.isEmpty() && good.size() < rows.size()) {
        Map<String, String> all = new HashMap<>(rejected);
        all.putAll(run(importsPath, name, fields, identifier, good));
        return all;
      }
    }
    return rejected;
  }

  private String awaitEnd(String syncUri) {
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      String status = calls.call("bulk.sync.status", base -> api.sync(base, syncUri)).path("status").asText();
      if (status.equals("success") || status.equals("warning") || status.equals("error")) {
        return status;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "Eloqua bulk sync " + syncUri + " still " + status + " after "
            + wait.toSeconds() + " s; the rows are retried later (the import is an upsert)");
      }
      try {
        sleeper.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "interrupted while waiting for bulk sync " + syncUri);
      }
    }
  }

  private Map<String, String> rejects(String syncUri, String identifier) {
    Map<String, String> rejected = new HashMap<>();
    int offset = 0;
    while (true) {
      int from = offset;
      JsonNode page = calls.call("bulk.sync.rejects", base -> api.rejects(base, syncUri, 1000, from));
      for (JsonNode reject : page.path("items")) {
        String key = reject.path("fieldValues").path(identifier).asText("");
        String fields = reject.path("invalidFields").isEmpty() ? "" : " (fields " + reject.path("invalidFields") + ")";
        rejected.put(key, "Eloqua bulk import rejected the row: " + reject.path("statusCode").asText("") + " "
            + reject.path("message").asText("no reason") + fields);
      }
      offset += page.path("items").size();
      if (!page.path("hasMore").asBoolean(false) || page.path("items").isEmpty()) {
        return rejected;
      }
    }
  }
}
