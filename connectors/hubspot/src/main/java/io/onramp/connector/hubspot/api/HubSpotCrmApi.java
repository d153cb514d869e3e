package io.onramp.connector.hubspot.api;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** HubSpot's CRM objects API: batch update, batch upsert and v4 association batches (≤100 inputs each). */
@FeignClient(name = "hubspot", url = "${onramp.hubspot.base-url}", configuration = HubSpotClientConfiguration.class)
public interface HubSpotCrmApi {

  /** 200 when every input was written, 207 with {@code errors[].context.ids} for the ones that were not. */
  @PostMapping("/crm/v3/objects/{objectType}/batch/update")
  ResponseEntity<BatchResult> batchUpdate(@PathVariable("objectType") String objectType, @RequestBody Map<String, Object> inputs);

  /** Creates or updates by a unique property; each result says {@code new: true|false}. */
  @PostMapping("/crm/v3/objects/{objectType}/batch/upsert")
  ResponseEntity<BatchResult> batchUpsert(@PathVariable("objectType") String objectType, @RequestBody Map<String, Object> inputs);

  /** One record with the named properties and, optionally, its associations. */
  @GetMapping("/crm/v3/objects/{objectType}/{id}")
  ResponseEntity<CrmRecord> read(@PathVariable("objectType") String objectType, @PathVariable("id") String id,
                                 @RequestParam("properties") String properties,
                                 @RequestParam(name = "associations", required = false) String associations);

  @PostMapping("/crm/v3/objects/{objectType}/batch/read")
  ResponseEntity<BatchResult> batchRead(@PathVariable("objectType") String objectType, @RequestBody Map<String, Object> request);

  /** Creates a custom property; 409 CONFLICT when it exists already. */
  @PostMapping("/crm/v3/properties/{objectType}")
  ResponseEntity<Map<String, Object>> createProperty(@PathVariable("objectType") String objectType, @RequestBody Map<String, Object> property);

  @PostMapping("/crm/v4/associations/{fromType}/{toType}/batch/create")
  ResponseEntity<BatchResult> associate(@PathVariable("fromType") String fromType, @PathVariable("toType") String toType,
                                        @RequestBody Map<String, Object> inputs);
}
