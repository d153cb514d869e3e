package io.onramp.engine.security;

import org.camunda.bpm.engine.impl.QueryValidators.AdhocQueryValidator;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * The engine's task service, with every task query it creates — the only way REST (both roots), the
 * webapps and Java make an ad-hoc one — checked by {@link QueryExpressions} instead of Camunda's own
 * ad-hoc validator, which looks at the top-level query only.
 */
final class GuardedTaskService extends TaskServiceImpl {

  private final QueryExpressions adhoc;

  GuardedTaskService(QueryExpressions adhoc) {
    this.adhoc = adhoc;
  }

  @Override
  public TaskQuery createTaskQuery() {
    TaskQueryImpl query = (TaskQueryImpl) super.createTaskQuery();
    query.removeValidator(AdhocQueryValidator.get());
    query.addValidator(adhoc);
    return query;
  }
}
