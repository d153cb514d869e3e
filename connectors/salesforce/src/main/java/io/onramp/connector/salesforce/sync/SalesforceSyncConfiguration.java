package io.onramp.connector.salesforce.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.salesforce.SalesforceProperties;
import io.onramp.connector.salesforce.api.SalesforceBudget;
import io.onramp.connector.salesforce.api.SalesforceRestApi;
import io.onramp.connector.salesforce.api.SalesforceSession;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.sync.SyncMetrics;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SalesforceSyncConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SyncMetrics salesforceMetrics(MeterRegistry registry) {
    return new SyncMetrics(registry, "salesforce");
  }

  @Bean
  SalesforceCalls salesforceCalls(SalesforceSession session, SalesforceBudget budget, SyncMetrics metrics) {
    return new SalesforceCalls(session, budget, metrics);
  }

  @Bean
  SalesforceCrm salesforceCrm(SalesforceRestApi api, SalesforceCalls calls, SalesforceProperties properties) {
    return new SalesforceCrm(api, calls, properties);
  }

  @Bean
  SyncLoop salesforceSyncLoop(SyncApi api, SalesforceCrm crm, ConnectorProperties properties, SyncMetrics metrics) {
    return new SyncLoop(api, crm, properties, metrics);
  }
}
