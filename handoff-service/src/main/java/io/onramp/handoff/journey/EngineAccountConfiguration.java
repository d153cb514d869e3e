package io.onramp.handoff.journey;

import io.onramp.web.ExternalTaskFetching;
import io.onramp.web.ServiceAuthorization;
import io.onramp.web.ServiceToken;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * handoff-service toward engine-service: one account for every client (the Feign clients and Camunda's
 * external task client, which works the handoff review), and whether this instance fetches review tasks.
 */
@Configuration
class EngineAccountConfiguration {

  @Bean
  ServiceAuthorization engineAccount(EngineProperties engine, ObjectProvider<ServiceToken> keycloak) {
    return ServiceAuthorization.of(keycloak.getIfAvailable(), engine.user(), engine.password());
  }

  @Bean
  ClientRequestInterceptor engineAccountForSteps(ServiceAuthorization engineAccount) {
    return engineAccount.forExternalTasks();
  }

  @Bean
  BackoffStrategy stepFetchBackoff() {
    return ExternalTaskFetching.backoffOnErrors();
  }

  @Bean
  ExternalTaskFetching journeySteps(ExternalTaskClient client, EngineProperties engine) {
    return new ExternalTaskFetching(client, engine.reviewWorker());
  }
}
