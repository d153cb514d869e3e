package io.onramp.connector.hubspot.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.hubspot.HubSpotProperties;
import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.hubspot.api.HubSpotTokens;
import io.onramp.connector.hubspot.provision.PropertyProvisioning;
import io.onramp.connector.limit.BudgetApi;
import io.onramp.connector.limit.EngineLedger;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.Linger;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.sync.SyncMetrics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class HubSpotSyncConfiguration {

  @Bean
  SyncMetrics hubSpotMetrics(MeterRegistry registry) {
    return new SyncMetrics(registry, "hubspot");
  }

  /** The account's limits, kept with every other replica of this connector in engine-service (see RequestBudget). */
  @Bean
  RequestBudget hubSpotBudget(HubSpotProperties properties, SyncMetrics metrics, BudgetApi budgets) {
    RequestBudget budget = new RequestBudget("hubspot", properties.requestsPer10s(), Duration.ofSeconds(10), properties.requestsPerDay(),
        properties.dayZone(), Clock.systemUTC(), Thread::sleep)
        .sharedThrough(new EngineLedger(budgets, "hubspot", properties.account()));
    metrics.budget(budget);
    return budget;
  }

  @Bean
  HubSpotCalls hubSpotCalls(RequestBudget budget, SyncMetrics metrics, HubSpotTokens tokens) {
    return new HubSpotCalls(budget, metrics, tokens);
  }

  @Bean
  HubSpotCrm hubSpotCrm(HubSpotCrmApi api, HubSpotCalls calls, HubSpotProperties properties,
                        ObjectProvider<PropertyProvisioning> provisioning) {
    PropertyProvisioning p = provisioning.getIfAvailable();
    return new HubSpotCrm(new DealStagePush(api, calls, properties.syncCompany()), new TaskMirror(api, calls, properties.ownerIds()),
        p == null ? () -> true : p::done);
  }

  @Bean
  SyncLoop hubSpotSyncLoop(SyncApi api, HubSpotCrm crm, ConnectorProperties properties, SyncMetrics metrics, RequestBudget budget) {
    return new SyncLoop(api, crm, properties, metrics, Linger.by(budget, properties.maxLinger()));
  }
}
