package io.onramp.engine.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.Validator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The one rule for expressions in task queries (CVE-2026-109432: Camunda evaluates the expressions of
 * each {@code orQueries} entry without validating them). Checked by the engine itself whenever a query
 * runs, for the query and every one of its or-queries: an ad-hoc query (REST under either root, the
 * webapps' API, a filter's extending query, Java) may hold no expression while
 * {@code enableExpressionsInAdhocQueries} is off (it is pinned off); a stored filter query only the
 * exact expressions on the allow-list. Anything else is a 400 that names the REST field.
 */
final class QueryExpressions implements Validator<AbstractQuery<?, ?>> {

  enum Kind { ADHOC, STORED }

  /** TaskQueryImpl's expression keys and the TaskQueryDto fields they come from. */
  private static final Map<String, String> FIELDS = Map.ofEntries(
      Map.entry("taskAssignee", "assigneeExpression"), Map.entry("taskAssigneeLike", "assigneeLikeExpression"),
      Map.entry("taskOwner", "ownerExpression"), Map.entry("taskCandidateUser", "candidateUserExpression"),
      Map.entry("taskInvolvedUser", "involvedUserExpression"), Map.entry("taskCandidateGroup", "candidateGroupExpression"),
      Map.entry("taskCandidateGroupIn", "candidateGroupsExpression"),
      Map.entry("processInstanceBusinessKey", "processInstanceBusinessKeyExpression"),
      Map.entry("processInstanceBusinessKeyLike", "processInstanceBusinessKeyLikeExpression"),
      Map.entry("taskCreatedOn", "createdOnExpression"), Map.entry("taskCreatedBefore", "createdBeforeExpression"),
      Map.entry("taskCreatedAfter", "createdAfterExpression"), Map.entry("taskUpdatedAfter", "updatedAfterExpression"),
      Map.entry("dueDate", "dueDateExpression"), Map.entry("dueBefore", "dueBeforeExpression"), Map.entry("dueAfter", "dueAfterExpression"),
      Map.entry("followUpDate", "followUpDateExpression"), Map.entry("followUpBefore", "followUpBeforeExpression"),
      Map.entry("followUpBeforeOrNotExistent", "followUpBeforeOrNotExistentExpression"),
      Map.entry("followUpAfter", "followUpAfterExpression"));

  private final Kind kind;
  private final Set<String> allowed;
  private final ProcessEngineConfigurationImpl configuration;

  QueryExpressions(Kind kind, Set<String> allowed, ProcessEngineConfigurationImpl configuration) {
    this.kind = kind;
    this.allowed = Set.copyOf(allowed);
    this.configuration = configuration;
  }

  @Override
  public void validate(AbstractQuery<?, ?> query) {
    boolean enabled = kind == Kind.ADHOC ? configuration.isEnableExpressionsInAdhocQueries()
        : configuration.isEnableExpressionsInStoredQueries();
    List<? extends AbstractQuery<?, ?>> parts = query instanceof TaskQueryImpl task ? task.getQueries() : List.of(query);
    for (int i = 0; i < parts.size(); i++) {
      for (Map.Entry<String, String> expression : parts.get(i).getExpressions().entrySet()) {
        if (!enabled || !allowed.contains(expression.getValue())) {
          throw new BadUserRequestException(field(i, expression.getKey()) + ": " + (enabled
              ? "only these expressions are allowed in a stored filter: " + allowed.stream().sorted().toList()
              : "expressions are not allowed in " + (kind == Kind.ADHOC ? "ad-hoc task queries" : "stored filters")));
        }
      }
    }
  }

  /** {@code assigneeExpression}, or {@code orQueries[0].assigneeExpression} for the first or-query. */
  static String field(int part, String key) {
    String field = FIELDS.getOrDefault(key, key + "Expression");
    return part == 0 ? field : "orQueries[" + (part - 1) + "]." + field;
  }
}
