package io.onramp.connector.eloqua.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.eloqua.api.EloquaSession;
import io.onramp.connector.eloqua.plays.MarketingPlays;
import io.onramp.connector.limit.BudgetApi;
import io.onramp.connector.limit.EngineLedger;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.step.StepOutcomes;
import io.onramp.web.ExternalTaskFetching;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.sync.SyncMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EloquaSyncConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** How bulk status polls wait; tests replace it. */
  @Bean
  @ConditionalOnMissingBean
  RequestBudget.Sleeper sleeper() {
    return duration -> Thread.sleep(duration);
  }

  @Bean
  SyncMetrics eloquaMetrics(MeterRegistry registry) {
    return new SyncMetrics(registry, "eloqua");
  }

  @Bean
  EloquaThrottle eloquaThrottle(EloquaProperties properties, Clock clock, MeterRegistry registry) {
    return new EloquaThrottle(properties.backoff(), properties.maxBackoff(), clock, RandomGenerator.getDefault(), registry);
  }

  @Bean
  EloquaCalls eloquaCalls(EloquaSession session, EloquaThrottle throttle, SyncMetrics metrics) {
    return new EloquaCalls(session, throttle, metrics);
  }

  @Bean
  EloquaCatalog eloquaCatalog(EloquaApi api, EloquaCalls calls, EloquaProperties properties) {
    return new EloquaCatalog(api, calls, properties);
  }

  @Bean
  EloquaCrm eloquaCrm(EloquaApi api, EloquaCalls calls, EloquaCatalog catalog, EloquaProperties properties, Clock clock,
                      RequestBudget.Sleeper sleeper, SyncMetrics metrics, BudgetApi budgets) {
    // the instance's bulk imports per hour, kept with every other replica of this connector in engine-service
    int perHour = properties.bulkImportsPerHour();
    RequestBudget importBudget = new RequestBudget(perHour + " imports/h", perHour, Duration.ofHours(1), 24L * perHour,
        java.time.ZoneOffset.UTC, clock, sleeper).sharedThrough(new EngineLedger(budgets, "eloqua", properties.account()));
    metrics.budget(importBudget);
    return new EloquaCrm(new StakeholderContacts(api, calls, catalog, properties), new OnboardingRecords(api, calls, catalog, properties),
        new BulkImports(api, calls, properties.bulkPoll(), properties.bulkWait(), clock, sleeper, importBudget), catalog, properties);
  }

  @Bean
  SyncLoop eloquaSyncLoop(SyncApi api, EloquaCrm crm, ConnectorProperties properties, SyncMetrics metrics) {
    return new SyncLoop(api, crm, properties, metrics);
  }

  @Bean
  MarketingPlays marketingPlays(EloquaApi api, EloquaCalls calls, EloquaCatalog catalog, EloquaProperties properties, Clock clock) {
    return new MarketingPlays(api, calls, catalog, properties, clock);
  }

  /**
   * Plays on Camunda's external task client: retried 8 times from 30 s, doubling (about two hours in all), then an
   * incident. The lock is the connector's lease ({@code camunda.bpm.client.lock-duration}, application.yml).
   */
  @Bean
  @ExternalTaskSubscription(topicName = MarketingPlays.TOPIC, variableNames = {"play", "eloquaContactEmails", "eloquaContactRoles"})
  StepOutcomes marketingPlaysWorker(MarketingPlays plays) {
    return new StepOutcomes(plays, 8, Duration.ofSeconds(30));
  }

  /** Fetches plays when this instance runs ({@code onramp.connector.enabled}). */
  @Bean
  ExternalTaskFetching journeySteps(ExternalTaskClient client, ConnectorProperties properties) {
    return new ExternalTaskFetching(client, properties.enabled());
  }
}
