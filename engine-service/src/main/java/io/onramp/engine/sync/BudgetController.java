package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vendor request budgets shared by all replicas of a connector (docs/sync-api.md): take permits before
 * calling the vendor, report the vendor's own "wait". Same roles as the rest of the CRM's sync API.
 */
@RestController
@RequestMapping("/api/sync/{crm}/budget")
class BudgetController {

  private final RequestBudgets budgets;

  BudgetController(RequestBudgets budgets) {
    this.budgets = budgets;
  }

  @PostMapping("/take")
  BudgetGrant take(@PathVariable("crm") String crm, @Valid @RequestBody BudgetRequest request) {
    return budgets.take(crm(crm), request);
  }

  @PostMapping("/pause")
  ResponseEntity<Void> pause(@PathVariable("crm") String crm, @Valid @RequestBody BudgetPause pause) {
    budgets.pause(crm(crm), pause);
    return ResponseEntity.noContent().build();
  }

  private static Crm crm(String id) {
    return Crm.fromId(id).orElseThrow(() -> new UnknownCrm(id));
  }
}
