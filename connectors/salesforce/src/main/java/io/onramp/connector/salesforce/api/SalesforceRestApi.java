package io.onramp.connector.salesforce.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Salesforce's REST API at the session's {@code instance_url} (the {@link URI} argument): sObject
 * Collections, at most 200 records a call, one answer per record in order.
 */
@FeignClient(name = "salesforce", url = "https://instance.invalid", configuration = SalesforceClientConfiguration.class)
public interface SalesforceRestApi {

  @PatchMapping("/services/data/{version}/composite/sobjects")
  ResponseEntity<List<RecordResult>> update(URI instance, @PathVariable("version") String version, @RequestBody Map<String, Object> records);

  @PatchMapping("/services/data/{version}/composite/sobjects/{object}/{externalIdField}")
  ResponseEntity<List<RecordResult>> upsert(URI instance, @PathVariable("version") String version, @PathVariable("object") String object,
                                            @PathVariable("externalIdField") String externalIdField, @RequestBody Map<String, Object> records);
}
