package io.onramp.engine.security;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.QueryValidators.StoredQueryValidator;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;

/**
 * Stored filters meet {@link QueryExpressions} twice: when saved (Camunda checks only the top-level
 * query there), and whenever one is loaded to run — list, count, single result, with or without an
 * extending query — so a filter stored before this rule existed cannot run a forbidden expression either.
 */
final class GuardedFilterManager extends FilterManager {

  private final QueryExpressions stored;

  private GuardedFilterManager(QueryExpressions stored) {
    this.stored = stored;
  }

  static SessionFactory factory(QueryExpressions stored) {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return FilterManager.class;
      }

      @Override
      public Session openSession() {
        return new GuardedFilterManager(stored);
      }
    };
  }

  @Override
  public Filter insertOrUpdateFilter(Filter filter) {
    stored.validate((AbstractQuery<?, ?>) filter.getQuery());
    return super.insertOrUpdateFilter(filter);
  }

  @Override
  public FilterEntity findFilterById(String filterId) {
    FilterEntity filter = super.findFilterById(filterId);
    if (filter != null && filter.getQuery() instanceof AbstractQuery<?, ?> query) {
      query.removeValidator(StoredQueryValidator.get());
      query.addValidator(stored);
    }
    return filter;
  }
}
