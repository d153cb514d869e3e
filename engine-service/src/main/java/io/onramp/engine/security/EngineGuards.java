package io.onramp.engine.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rules about what the engine may do, registered in the engine's own configuration so that every
 * door meets them — {@code /engine-rest/…}, {@code /engine-rest/engine/{name}/…}, the webapps' API,
 * filters and Java alike: {@link QueryExpressions} on every task query and stored filter (expressions in
 * ad-hoc queries pinned off), {@link WorkerTopics} on every external-task command, and Camunda's
 * {@code queryMaxResultsLimit}. Active with and without Keycloak.
 */
@Configuration
class EngineGuards {

  @Bean
  AbstractProcessEnginePlugin engineGuardsPlugin(EngineGuardProperties properties) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        var allowed = new HashSet<>(properties.allowedQueryExpressions());
        configuration.setTaskService(new GuardedTaskService(new QueryExpressions(QueryExpressions.Kind.ADHOC, allowed, configuration)));
        List<org.camunda.bpm.engine.impl.interceptor.SessionFactory> sessions = configuration.getCustomSessionFactories() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        sessions.add(GuardedFilterManager.factory(new QueryExpressions(QueryExpressions.Kind.STORED, allowed, configuration)));
        configuration.setCustomSessionFactories(sessions);
        configuration.setCustomPostCommandInterceptorsTxRequired(withWorkerTopics(configuration.getCustomPostCommandInterceptorsTxRequired()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
            withWorkerTopics(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
        pin(configuration);
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        pin(configuration);                        // whatever another plugin or generic property said
      }

      private void pin(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(true);
        configuration.setQueryMaxResultsLimit(properties.queryMaxResults());
      }
    };
  }

  private static List<CommandInterceptor> withWorkerTopics(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(new WorkerTopics());
    return all;
  }
}
