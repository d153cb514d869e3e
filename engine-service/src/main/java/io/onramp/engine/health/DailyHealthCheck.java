package io.onramp.engine.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day every open onboarding's health is asked of the health table again (time passes: days in a stage, days since
 * the last login). Each onboarding is claimed by stamping {@code health_checked_at} in its own transaction, so replicas
 * share the work, none checks one twice, and a replica killed halfway leaves the rest to the next run.
 */
@Component
public class DailyHealthCheck {

  private static final Logger log = LoggerFactory.getLogger(DailyHealthCheck.class);
  private static final int PAGE = 500;

  private final JdbcClient jdbc;
  private final HealthChanges health;
  private final TransactionTemplate transaction;

  DailyHealthCheck(JdbcClient jdbc, HealthChanges health, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.health = health;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(cron = "${onramp.health.daily-check:0 30 5 * * *}", zone = "UTC")
  void daily() {
    checkAll(ClockUtil.now().toInstant());
  }

  /** Checks every open onboarding not yet checked since {@code now}; returns how many changed health. */
  public int checkAll(Instant now) {
    long started = System.nanoTime();
    Set<String> failed = new HashSet<>();
    int checked = 0;
    int changed = 0;
    while (true) {
      List<String> page = jdbc.sql("""
          select id from onramp_onboarding where ended_at is null and stage is not null
            and (health_checked_at is null or health_checked_at < ?) order by id limit ?
          """).params(Timestamp.from(now), PAGE + failed.size()).query(String.class).list();
      List<String> todo = page.stream().filter(id -> !failed.contains(id)).toList();
      if (todo.isEmpty()) {
        break;
      }
      for (String id : todo) {
        try {
          Boolean result = transaction.execute(s -> claim(id, now) && health.reassess(id, HealthChanges.Cause.DAILY, now).isPresent());
          checked++;
          changed += Boolean.TRUE.equals(result) ? 1 : 0;
        } catch (RuntimeException e) {
          failed.add(id);
          log.warn("onboarding {}: daily health check failed ({}); next run tries again", id, e.toString());
        }
      }
      log.info("daily health check: {} onboardings checked, {} changed health so far", checked, changed);
    }
    log.info("daily health check done: {} checked, {} changed, {} failed, in {} ms", checked, changed, failed.size(),
        (System.nanoTime() - started) / 1_000_000);
    return changed;
  }

  /** False when another replica checked it meanwhile. */
  private boolean claim(String id, Instant now) {
    return jdbc.sql("""
        update onramp_onboarding set health_checked_at = ? where id = ? and (health_checked_at is null or health_checked_at < ?)
        """).params(Timestamp.from(now), id, Timestamp.from(now)).update() == 1;
  }
}
