package io.onramp.connector.salesforce.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Salesforce's REST API at the session's {@code instance_url} (the {@link URI} argument): sObject
 * Collections, at most 200 records a call, one answer per record in order.
 */
@FeignClient(name = "salesforce", url = "https://instance.invalid", configuration = SalesforceClientConfiguration.class)
public interface SalesforceRestApi {

  @PatchMapping("/services/data/{version}/composite/sobjects")
  ResponseEntity<List<RecordResult>> update(URI instance, @PathVariable("version") String version, @RequestBody Map<String, Object> records);

  @GetMapping("/services/data/{version}/sobjects/{object}/{id}")
  ResponseEntity<Map<String, Object>> read(URI instance, @PathVariable("version") String version, @PathVariable("object") String object,
                                           @PathVariable("id") String id, @RequestParam("fields") String fields);

  /** SOQL: {@code {totalSize, done, records:[…]}}. */
  @GetMapping("/services/data/{version}/query")
  ResponseEntity<Map<String, Object>> query(URI instance, @PathVariable("version") String version, @RequestParam("q") String soql);

  @PatchMapping("/services/data/{version}/composite/sobjects/{object}/{externalIdField}")
  ResponseEntity<List<RecordResult>> upsert(URI instance, @PathVariable("version") String version, @PathVariable("object") String object,
                                            @PathVariable("externalIdField") String externalIdField, @RequestBody Map<String, Object> records);
}
