package io.onramp.connector.salesforce.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.salesforce.SalesforceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Budget, not rate: every Salesforce answer carries {@code Sforce-Limit-Info: api-usage=used/max}
 * for the org's rolling 24-hour allocation. Once the configured share is used (or Salesforce says
 * 403 REQUEST_LIMIT_EXCEEDED) nothing is sent for an hour; work waits, then one call reads the
 * usage again. A metric and a log line say why.
 */
@Component
public class SalesforceBudget {

  static final Duration PAUSE = Duration.ofHours(1);
  private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
  private static final Logger log = LoggerFactory.getLogger(SalesforceBudget.class);

  private final double share;
  private final Clock clock;
  private volatile long used;
  private volatile long max;
  private volatile Instant pausedUntil = Instant.MIN;

  SalesforceBudget(SalesforceProperties properties, Clock clock, MeterRegistry metrics) {
    this.share = properties.budgetShare();
    this.clock = clock;
    Gauge.builder("onramp.crm.budget.day.used.ratio", this, b -> b.max == 0 ? 0 : (double) b.used / b.max)
        .tag("crm", "salesforce").description("share of the org's daily API allocation used").register(metrics);
  }

  /** Before every call: throws {@link BudgetSpent} while the share is used up. */
  public void check() {
    Instant now = clock.instant();
    if (now.isBefore(pausedUntil)) {
      throw new BudgetSpent("salesforce (" + used + "/" + max + " API calls used, stop at " + Math.round(share * 100) + "%)", pausedUntil);
    }
  }

  /** After every answer: the usage Salesforce reports. */
  public void observe(String limitInfo) {
    if (limitInfo == null) {
      return;
    }
    Matcher m = USAGE.matcher(limitInfo);
    if (m.find()) {
      used = Long.parseLong(m.group(1));
      max = Long.parseLong(m.group(2));
      if (max > 0 && used >= share * max) {
        spent();
      }
    }
  }

  /** Salesforce said 403 REQUEST_LIMIT_EXCEEDED, or our share is reached. */
  public void spent() {
    Instant until = clock.instant().plus(PAUSE);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
      log.warn("Salesforce budget: {}/{} API calls used (stop at {}%); sync waits until {}", used, max, Math.round(share * 100), until);
    }
  }
}
