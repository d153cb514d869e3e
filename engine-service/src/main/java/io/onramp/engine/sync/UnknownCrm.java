package io.onramp.engine.sync;

/** The {crm} path segment is not hubspot, salesforce or eloqua. */
public class UnknownCrm extends RuntimeException {
  public UnknownCrm(String crm) {
    super("unknown CRM '" + crm + "': expected hubspot, salesforce or eloqua");
  }
}
