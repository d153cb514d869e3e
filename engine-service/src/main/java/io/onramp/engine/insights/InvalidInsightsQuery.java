package io.onramp.engine.insights;

/** A query parameter or request field an insights endpoint cannot use; {@code field} names it. */
public class InvalidInsightsQuery extends RuntimeException {

  private final String field;

  public InvalidInsightsQuery(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
