package io.onramp.connector.sync;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** Import this from a connector application: the sync API client and the connector properties. */
@Configuration
@EnableConfigurationProperties(ConnectorProperties.class)
@EnableFeignClients(clients = SyncApi.class)
public class ConnectorCoreConfiguration {
}
