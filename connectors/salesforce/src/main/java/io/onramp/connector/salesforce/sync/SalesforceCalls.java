package io.onramp.connector.salesforce.sync;

import io.onramp.connector.salesforce.api.SalesforceBudget;
import io.onramp.connector.salesforce.api.SalesforceSession;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.connector.sync.VendorCalls;
import io.onramp.connector.sync.VendorError;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * Every Salesforce call goes through here ({@link VendorCalls}): the budget first, the usage header after, one
 * fresh session when Salesforce says INVALID_SESSION_ID, and REQUEST_LIMIT_EXCEEDED spends the day.
 */
public class SalesforceCalls extends VendorCalls {

  private final SalesforceSession session;
  private final SalesforceBudget budget;

  public SalesforceCalls(SalesforceSession session, SalesforceBudget budget, SyncMetrics metrics) {
    super("Salesforce", metrics);
    this.session = session;
    this.budget = budget;
  }

  public <T> ResponseEntity<T> call(String operation, Function<SalesforceSession.Session, ResponseEntity<T>> call) {
    return send(operation, () -> call.apply(session.current()), response -> Integer.toString(response.getStatusCode().value()),
        response -> budget.observe(response.getHeaders().getFirst("Sforce-Limit-Info")));
  }

  @Override
  protected void guard() {
    budget.check();
  }

  @Override
  protected boolean refreshCredentials() {
    session.invalidate();
    return true;
  }

  @Override
  protected RuntimeException refused(VendorError error) {
    if (error.kind() == VendorError.Kind.DAY_SPENT) {
      budget.spent();
    }
    return error;
  }
}
