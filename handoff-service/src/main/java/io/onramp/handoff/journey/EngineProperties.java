package io.onramp.handoff.journey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How handoff-service reaches engine-service.
 *
 * @param url            engine-service base URL
 * @param user           engine user for the REST API (a service account; from the environment)
 * @param password       its password (from the environment, never the repo)
 * @param deliveryEvery  how often the outbox is drained
 * @param maxBackoff     cap of the exponential wait between delivery attempts (they never stop)
 * @param reviewWorker   whether this instance works the handoff-review topic
 */
@ConfigurationProperties("onramp.engine")
public record EngineProperties(@DefaultValue("http://localhost:8081") String url, String user, String password,
                               @DefaultValue("1s") Duration deliveryEvery, @DefaultValue("5m") Duration maxBackoff,
                               @DefaultValue("true") boolean reviewWorker) {
}
