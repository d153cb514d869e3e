package io.onramp.connector.limit;

import java.time.Duration;
import java.time.ZoneId;

/** One vendor account's budget, kept by engine-service in PostgreSQL for every replica of the connector. */
public class EngineLedger implements Ledger {

  private final BudgetApi api;
  private final String crm;
  private final String account;

  public EngineLedger(BudgetApi api, String crm, String account) {
    this.api = api;
    this.crm = crm;
    this.account = account;
  }

  @Override
  public Grant take(int permits, int perWindow, Duration window, long perDay, ZoneId dayZone) {
    BudgetApi.TakeAnswer answer = api.take(crm, new BudgetApi.TakeRequest(account, permits, perWindow, window.toMillis(), perDay,
        dayZone.getId()));
    return new Grant(answer.granted(), Duration.ofMillis(answer.validForMillis()), Duration.ofMillis(answer.retryInMillis()),
        answer.daySpent());
  }

  @Override
  public void pause(Duration wait, boolean daySpent, ZoneId dayZone) {
    api.pause(crm, new BudgetApi.PauseRequest(account, Math.max(0, wait.toMillis()), daySpent, dayZone.getId()));
  }
}
