package io.onramp.connector.limit;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** engine-service's shared request budgets (docs/sync-api.md, "Vendor budgets"), with the connector's sync account. */
@FeignClient(name = "engine-budget", url = "${onramp.connector.engine-url}", configuration = io.onramp.connector.sync.SyncApiConfiguration.class)
public interface BudgetApi {

  record TakeRequest(String account, int permits, int perWindow, long windowMillis, long perDay, String dayZone) {
  }

  record TakeAnswer(int granted, long validForMillis, long retryInMillis, boolean daySpent, long remainingToday) {
  }

  record PauseRequest(String account, long pauseMillis, boolean daySpent, String dayZone) {
  }

  @PostMapping("/api/sync/{crm}/budget/take")
  TakeAnswer take(@PathVariable("crm") String crm, @RequestBody TakeRequest request);

  @PostMapping("/api/sync/{crm}/budget/pause")
  void pause(@PathVariable("crm") String crm, @RequestBody PauseRequest request);
}
