package io.onramp.connector.limit;

/**
 * The shared budget could not be asked (engine-service unreachable): nothing is sent to the vendor without a
 * permit; the batch is retried when the engine answers again.
 */
public class BudgetUnavailable extends RuntimeException {

  public BudgetUnavailable(String budget, RuntimeException cause) {
    super("the shared request budget of " + budget + " could not be asked: " + cause.getMessage(), cause);
  }
}
