package io.onramp.engine.insights;

import io.onramp.web.InvalidField;

/** A query parameter or request field an insights endpoint cannot use; {@code field} names it. */
public class InvalidInsightsQuery extends InvalidField {

  public InvalidInsightsQuery(String field, String message) {
    super(field, message);
  }
}
