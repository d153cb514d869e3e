package io.onramp.connector.sync;

import java.util.List;
import java.util.Map;

/** One CRM's side of the sync loop: write a claimed batch in vendor-sized calls, say what became of each item. */
public interface CrmWriter {

  /** The sync API's {crm}: hubspot, salesforce or eloqua. */
  String crm();

  /** An outcome for every item (by item id); an item without one is released untried. */
  Map<Long, Outcome> write(List<SyncItem> items);
}
