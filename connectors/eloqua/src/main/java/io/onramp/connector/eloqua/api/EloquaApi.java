package io.onramp.connector.eloqua.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Eloqua's Application (REST 1.0/2.0) and Bulk 2.0 APIs at the instance's base URL (the {@link URI}
 * argument, discovered through {@code /id}). Lists answer {@code {elements, page, pageSize, total}}.
 */
@FeignClient(name = "eloqua", url = "https://instance.invalid", configuration = EloquaClientConfiguration.class)
public interface EloquaApi {

  @GetMapping("/api/REST/1.0/data/contacts")
  JsonNode searchContacts(URI base, @RequestParam("search") String search, @RequestParam("depth") String depth,
                          @RequestParam("count") int count);

  @PostMapping("/api/REST/1.0/data/contact")
  JsonNode createContact(URI base, @RequestBody Map<String, Object> contact);

  @PutMapping("/api/REST/1.0/data/contact/{id}")
  JsonNode updateContact(URI base, @PathVariable("id") String id, @RequestBody Map<String, Object> contact);

  @GetMapping("/api/REST/1.0/assets/contact/fields")
  JsonNode contactFields(URI base, @RequestParam("search") String search, @RequestParam("depth") String depth);

  @GetMapping("/api/REST/2.0/assets/customObjects")
  JsonNode customObjects(URI base, @RequestParam("search") String search, @RequestParam("depth") String depth);

  @GetMapping("/api/REST/2.0/data/customObject/{parentId}/instances")
  JsonNode searchRecords(URI base, @PathVariable("parentId") String parentId, @RequestParam("search") String search,
                         @RequestParam("depth") String depth);

  @PostMapping("/api/REST/2.0/data/customObject/{parentId}/instance")
  JsonNode createRecord(URI base, @PathVariable("parentId") String parentId, @RequestBody Map<String, Object> record);

  @PutMapping("/api/REST/2.0/data/customObject/{parentId}/instance/{id}")
  JsonNode updateRecord(URI base, @PathVariable("parentId") String parentId, @PathVariable("id") String id,
                        @RequestBody Map<String, Object> record);

  @GetMapping("/api/REST/2.0/assets/form/{id}")
  JsonNode form(URI base, @PathVariable("id") String id);

  /** Processed submissions of a form since {@code startAt} (Unix seconds). */
  @GetMapping("/api/REST/2.0/data/form/{id}")
  JsonNode formData(URI base, @PathVariable("id") String id, @RequestParam("startAt") long startAt,
                    @RequestParam("count") int count, @RequestParam("page") int page);

  @PostMapping("/api/REST/2.0/data/form/{id}")
  JsonNode submitForm(URI base, @PathVariable("id") String id, @RequestBody Map<String, Object> submission);

  // -- Bulk API 2.0 ----------------------------------------------------------------------------------

  /** {@code contacts/imports} or {@code customObjects/{id}/imports}: an import definition, answered with its {@code uri}. */
  @PostMapping("/api/bulk/2.0/{importsPath}")
  JsonNode createImport(URI base, @PathVariable(value = "importsPath", required = true) String importsPath,
                        @RequestBody Map<String, Object> definition);

  /** Rows for a definition ({@code uri} as Eloqua returned it, e.g. /contacts/imports/1183). */
  @PostMapping("/api/bulk/2.0{uri}/data")
  void importData(URI base, @PathVariable("uri") String uri, @RequestBody List<Map<String, Object>> rows);

  @PostMapping("/api/bulk/2.0/syncs")
  JsonNode createSync(URI base, @RequestBody Map<String, Object> sync);

  /** {@code uri} as Eloqua returned it, e.g. /syncs/3345. */
  @GetMapping("/api/bulk/2.0{uri}")
  JsonNode sync(URI base, @PathVariable("uri") String uri);

  @GetMapping("/api/bulk/2.0{uri}/rejects")
  JsonNode rejects(URI base, @PathVariable("uri") String uri, @RequestParam("limit") int limit, @RequestParam("offset") int offset);
}
