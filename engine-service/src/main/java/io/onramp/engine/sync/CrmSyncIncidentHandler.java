package io.onramp.engine.sync;

import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Incident type {@value #TYPE}: a CRM write that exhausted its retries. Resolving the incident in
 * Cockpit (or {@code DELETE /engine-rest/incident/{id}}) puts the row back in the queue with a
 * fresh retry budget. When the step the incident was shown at ends, Camunda removes the incident;
 * the row stays FAILED and {@link SyncIncidentKeeper} raises it again where the journey now waits.
 */
@Component
public class CrmSyncIncidentHandler extends DefaultIncidentHandler {

  public static final String TYPE = "onrampCrmSync";

  private final JdbcClient jdbc;

  CrmSyncIncidentHandler(JdbcClient jdbc) {
    super(TYPE);
    this.jdbc = jdbc;
  }

  @Override
  public void resolveIncident(IncidentContext context) {
    super.resolveIncident(context);
    jdbc.sql("""
        update onramp_sync_item set status = 'PENDING', attempts = 0, due_at = now(), incident_id = null,
          lease_until = null, lease_owner = null
        where id = ? and status = 'FAILED'
        """).param(Long.parseLong(context.getConfiguration())).update();
  }
}
