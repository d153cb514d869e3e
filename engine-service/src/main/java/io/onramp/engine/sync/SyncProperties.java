package io.onramp.engine.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the sync API.
 *
 * @param maxAttempts   failed attempts (retry or failed outcomes) before a row raises an incident
 * @param maxBatch      most items one claim may take
 * @param maxLease      longest lease a claimer may ask for
 * @param maxWait       longest long-poll a claimer may ask for
 * @param firstBackoff  delay after the first retry without a vendor wait; doubles per attempt
 * @param maxBackoff    cap of that delay
 * @param publicUrl     the URL people use to reach Cockpit and Tasklist, for links written into CRMs
 * @param budgetLease   how long a replica may hold vendor permits it took before sending; they count for the
 *                      vendor's window plus this, so calls sent late still fall within the limit
 */
@ConfigurationProperties("onramp.sync")
public record SyncProperties(@DefaultValue("8") int maxAttempts, @DefaultValue("500") int maxBatch,
                             @DefaultValue("10m") Duration maxLease, @DefaultValue("30s") Duration maxWait,
                             @DefaultValue("5s") Duration firstBackoff, @DefaultValue("15m") Duration maxBackoff,
                             @DefaultValue("http://localhost:8081") String publicUrl,
                             @DefaultValue("250ms") Duration budgetLease) {
}
