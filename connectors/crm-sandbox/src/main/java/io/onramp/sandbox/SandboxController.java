package io.onramp.sandbox;

import io.onramp.sandbox.hubspot.HubSpotSim;
import io.onramp.sandbox.salesforce.SalesforceSim;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own controls (what a sales rep and a tester do): create and move deals and
 * opportunities, switch faults on and off, read every record, start over.
 */
@RestController
@RequestMapping("/sandbox")
class SandboxController {

  private final HubSpotSim hubspot;
  private final SalesforceSim salesforce;
  private final List<Vendor> vendors;
  private final Faults faults;
  private final Deliveries deliveries;

  SandboxController(HubSpotSim hubspot, SalesforceSim salesforce, List<Vendor> vendors, Faults faults, Deliveries deliveries) {
    this.hubspot = hubspot;
    this.salesforce = salesforce;
    this.vendors = vendors;
    this.faults = faults;
    this.deliveries = deliveries;
  }

  record Contact(String firstName, String lastName, String email, String role) {
  }

  /** {@code products}: product names (line items); {@code owner}: the HubSpot owner id or Salesforce User id of its sales rep (both optional). */
  record NewDeal(String name, String amount, String company, String domain, List<Contact> contacts, List<String> products, String owner) {
  }

  record Stage(String stage) {
  }

  record FaultRequest(Faults.Kind kind, Long delayMs, Long seconds) {
  }

  @PostMapping("/hubspot/deals")
  ResponseEntity<Map<String, Object>> createDeal(@RequestBody NewDeal deal) {
    require(deal.name(), "name");
    require(deal.company(), "company");
    return ResponseEntity.status(201).body(hubspot.createDeal(deal.name(), deal.amount() == null ? "0" : deal.amount(), deal.company(),
        deal.domain(), contacts(deal).stream().map(c -> Map.of("firstname", c.firstName(), "lastname", c.lastName(), "email", c.email()))
            .toList(), deal.products() == null ? List.of() : deal.products(), deal.owner()));
  }

  @PostMapping("/hubspot/deals/{id}/stage")
  Map<String, Object> moveDeal(@PathVariable String id, @RequestBody Stage stage) {
    require(stage.stage(), "stage");
    return hubspot.moveDeal(id, stage.stage());
  }

  @PostMapping("/salesforce/opportunities")
  ResponseEntity<Map<String, Object>> createOpportunity(@RequestBody NewDeal deal) {
    require(deal.name(), "name");
    require(deal.company(), "company");
    return ResponseEntity.status(201).body(salesforce.createOpportunity(deal.name(), deal.amount() == null ? "0" : deal.amount(),
        deal.company(), deal.domain(), contacts(deal).stream().map(c -> Map.of("FirstName", c.firstName(), "LastName", c.lastName(),
            "Email", c.email(), "Role", c.role() == null ? "Business User" : c.role())).toList(),
        deal.products() == null ? List.of() : deal.products(), deal.owner()));
  }

  @PostMapping("/salesforce/opportunities/{id}/stage")
  Map<String, Object> moveOpportunity(@PathVariable String id, @RequestBody Stage stage) {
    require(stage.stage(), "stage");
    return salesforce.moveOpportunity(id, stage.stage());
  }

  @PutMapping("/faults/{vendor}")
  Faults.Fault switchOn(@PathVariable String vendor, @RequestBody FaultRequest request) {
    if (vendors.stream().noneMatch(v -> v.name().equals(vendor))) {
      throw new IllegalArgumentException("vendor must be one of hubspot, salesforce, eloqua; it is " + vendor);
    }
    if (request.kind() == null) {
      throw new IllegalArgumentException("kind is required: UNAVAILABLE, RATE_LIMITED, TIMEOUT or LATENCY");
    }
    return faults.switchOn(vendor, request.kind(), request.delayMs(), request.seconds() == null ? null : Duration.ofSeconds(request.seconds()));
  }

  @DeleteMapping("/faults/{vendor}")
  ResponseEntity<Void> switchOff(@PathVariable String vendor) {
    faults.switchOff(vendor);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/state")
  Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    vendors.forEach(v -> state.put(v.name(), v.view()));
    state.put("faults", faults.all());
    state.put("faultedCalls", faults.hits());
    state.put("deliveries", deliveries.all());
    return state;
  }

  @PostMapping("/reset")
  ResponseEntity<Void> reset() {
    vendors.forEach(Vendor::reset);
    faults.clear();
    deliveries.clear();
    return ResponseEntity.noContent().build();
  }

  private static List<Contact> contacts(NewDeal deal) {
    List<Contact> contacts = deal.contacts() == null ? List.of() : deal.contacts();
    for (int i = 0; i < contacts.size(); i++) {
      require(contacts.get(i).email(), "contacts[" + i + "].email");
      require(contacts.get(i).firstName(), "contacts[" + i + "].firstName");
      require(contacts.get(i).lastName(), "contacts[" + i + "].lastName");
    }
    return contacts;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
