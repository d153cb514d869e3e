package io.onramp.connector.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param engineUrl      engine-service base URL
 * @param engineUser     the connector's engine account (group onramp-connectors)
 * @param enginePassword its password, from the environment
 * @param workerId       lease owner name (defaults to the host name)
 * @param batchSize      items per claim (a multiple of the vendor's batch size is best)
 * @param lease          how long claimed items stay ours
 * @param longPoll       how long a claim waits for work when nothing is due
 * @param enabled        run the sync loop (off in tests that drive it themselves)
 * @param maxLinger      the longest a round that is not full waits for more work as the vendor's window fills
 *                       ({@link Linger}); 0 writes every round at once
 */
@ConfigurationProperties("onramp.connector")
public record ConnectorProperties(@DefaultValue("http://localhost:8081") String engineUrl, String engineUser,
                                  String enginePassword, String workerId, @DefaultValue("200") int batchSize,
                                  @DefaultValue("2m") Duration lease, @DefaultValue("20s") Duration longPoll,
                                  @DefaultValue("true") boolean enabled, @DefaultValue("1500ms") Duration maxLinger) {
}
