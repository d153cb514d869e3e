package io.onramp.engine.tracking;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exactly one journey per handoff, where it cannot race: on the start of a journey (any process with
 * stages, a designer's too) the engine's own transaction takes a PostgreSQL advisory lock on the journey
 * and its business key, so concurrent starts queue; the second then finds the first one committed and is
 * refused — 400 naming the journey that exists — with nothing started. The sender (handoff-service) looks
 * the existing journey up and takes it as delivered. A journey without a business key is not a handoff's.
 */
@Component
class OneJourneyPerHandoff implements ExecutionListener {

  private final JdbcClient jdbc;

  OneJourneyPerHandoff(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey == null || execution.getParentId() != null) {
      return;
    }
    String definitionKey = execution.getProcessDefinitionId().split(":", 2)[0];
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", definitionKey + "/" + businessKey)
        .query(Object.class).list();
    jdbc.sql("""
        select id_ from act_hi_procinst where proc_def_key_ = :definition and business_key_ = :businessKey and id_ <> :self
        union
        select id from onramp_onboarding where process_definition_key = :definition and business_key = :businessKey and id <> :self
        limit 1""")
        .param("definition", definitionKey).param("businessKey", businessKey).param("self", execution.getProcessInstanceId())
        .query(String.class).optional()
        .ifPresent(existing -> {
          throw new BadUserRequestException("handoff " + businessKey + " already has its journey " + existing + " (" + definitionKey
              + "): a second one is not started");
        });
  }
}
