package io.onramp.connector.salesforce.sync;

import feign.RetryableException;
import io.onramp.connector.salesforce.api.SalesforceBudget;
import io.onramp.connector.salesforce.api.SalesforceError;
import io.onramp.connector.salesforce.api.SalesforceSession;
import io.onramp.connector.sync.SyncMetrics;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * Every Salesforce call goes through here: the budget first, the usage header after, a metric for
 * each call, and one fresh session when Salesforce says INVALID_SESSION_ID.
 */
public class SalesforceCalls {

  private final SalesforceSession session;
  private final SalesforceBudget budget;
  private final SyncMetrics metrics;

  public SalesforceCalls(SalesforceSession session, SalesforceBudget budget, SyncMetrics metrics) {
    this.session = session;
    this.budget = budget;
    this.metrics = metrics;
  }

  public <T> ResponseEntity<T> call(String operation, Function<SalesforceSession.Session, ResponseEntity<T>> call) {
    boolean renewed = false;
    while (true) {
      budget.check();
      try {
        ResponseEntity<T> response = call.apply(session.current());
        metrics.call(operation, Integer.toString(response.getStatusCode().value()));
        budget.observe(response.getHeaders().getFirst("Sforce-Limit-Info"));
        return response;
      } catch (SalesforceError e) {
        metrics.call(operation, Integer.toString(e.status()));
        metrics.failure(e.kind().name().toLowerCase());
        if (e.kind() == SalesforceError.Kind.AUTH && e.status() == 401 && !renewed) {
          session.invalidate();                  // expired session: mint a new one once
          renewed = true;
          continue;
        }
        if (e.kind() == SalesforceError.Kind.BUDGET_SPENT) {
          budget.spent();
        }
        throw e;
      } catch (RetryableException noAnswer) {
        metrics.call(operation, "io");
        metrics.failure("unavailable");
        throw new SalesforceError(SalesforceError.Kind.UNAVAILABLE, 0, "no answer from Salesforce: " + noAnswer.getMessage(), null);
      }
    }
  }
}
