package io.onramp.sandbox;

/** One simulated vendor API, mounted under {@code /<name>}. */
public interface Vendor {

  String name();

  /** Answers one request (already past the switched-on faults). */
  Answer handle(Call call);

  /** The records a person watching the sandbox page sees. */
  Object view();

  /** Forget every record (tests start from a clean account). */
  void reset();
}
