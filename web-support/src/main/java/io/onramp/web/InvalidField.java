package io.onramp.web;

/** A request field or parameter a service cannot use: answered 400 with {@code errors: [{field, message}]}. */
public class InvalidField extends RuntimeException {

  private final String field;

  public InvalidField(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
