package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Vendor request budgets kept in PostgreSQL for every replica of a connector: a take locks the account's row
 * (takes of one account are serial, whichever engine replica serves them), counts the permits granted within
 * the rolling window on the database's clock, and grants what is left. A permit counts for the window plus
 * the lease a replica has to use it, so a call sent at the end of its lease is still inside the limit.
 */
@Service
class RequestBudgets {

  private final JdbcClient jdbc;
  private final Duration lease;

  RequestBudgets(JdbcClient jdbc, SyncProperties properties) {
    this.jdbc = jdbc;
    this.lease = properties.budgetLease();
  }

  @Transactional
  public BudgetGrant take(Crm crm, BudgetRequest request) {
    ZoneId zone = zone(request.dayZone());
    Account account = lock(crm, request.account());
    Instant now = account.now();
    long today = account.countToday(LocalDate.ofInstant(now, zone));
    if (account.pausedUntil() != null && account.pausedUntil().isAfter(now)) {
      return refused(now, account.pausedUntil(), false, Math.max(0, request.perDay() - today));
    }
    if (today >= request.perDay()) {
      return refused(now, nextDay(now, zone), true, 0);
    }
    Duration counted = Duration.ofMillis(request.windowMillis()).plus(lease);
    Timestamp windowStart = Timestamp.from(now.minus(counted));
    long inWindow = jdbc.sql("""
        select coalesce(sum(permits), 0) from onramp_budget_grant where crm = :crm and account = :account and granted_at > :since""")
        .param("crm", crm.id()).param("account", request.account()).param("since", windowStart).query(Long.class).single();
    int granted = (int) Math.min(request.permits(), Math.min(request.perWindow() - inWindow, request.perDay() - today));
    if (granted <= 0) {
      Instant oldest = jdbc.sql("""
          select min(granted_at) from onramp_budget_grant where crm = :crm and account = :account and granted_at > :since""")
          .param("crm", crm.id()).param("account", request.account()).param("since", windowStart)
          .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(now);
      return refused(now, oldest.plus(counted), false, request.perDay() - today);
    }
    jdbc.sql("insert into onramp_budget_grant (crm, account, granted_at, permits) values (:crm, :account, :now, :permits)")
        .param("crm", crm.id()).param("account", request.account()).param("now", Timestamp.from(now)).param("permits", granted)
        .update();
    jdbc.sql("update onramp_budget set day = :day, day_count = :count where crm = :crm and account = :account")
        .param("day", LocalDate.ofInstant(now, zone)).param("count", today + granted)
        .param("crm", crm.id()).param("account", request.account()).update();
    jdbc.sql("delete from onramp_budget_grant where crm = :crm and account = :account and granted_at <= :before")
        .param("crm", crm.id()).param("account", request.account()).param("before", windowStart).update();
    return new BudgetGrant(granted, lease.toMillis(), 0, false, request.perDay() - today - granted);
  }

  /** The vendor said wait (or that the day is spent): every replica of the account waits, on the database's clock. */
  @Transactional
  public void pause(Crm crm, BudgetPause pause) {
    Account account = lock(crm, pause.account());
    Instant now = account.now();
    Instant until = pause.daySpent() ? nextDay(now, zone(pause.dayZone())) : now.plusMillis(pause.pauseMillis());
    jdbc.sql("""
        update onramp_budget set paused_until = greatest(coalesce(paused_until, :until), :until)
        where crm = :crm and account = :account""")
        .param("until", Timestamp.from(until)).param("crm", crm.id()).param("account", pause.account()).update();
  }

  private Account lock(Crm crm, String account) {
    jdbc.sql("insert into onramp_budget (crm, account) values (:crm, :account) on conflict do nothing")
        .param("crm", crm.id()).param("account", account).update();
    return jdbc.sql("""
        select clock_timestamp() as now, paused_until, day, day_count from onramp_budget
        where crm = :crm and account = :account for update""")
        .param("crm", crm.id()).param("account", account)
        .query((rs, n) -> new Account(rs.getTimestamp("now").toInstant(),
            rs.getTimestamp("paused_until") == null ? null : rs.getTimestamp("paused_until").toInstant(),
            rs.getDate("day") == null ? null : rs.getDate("day").toLocalDate(), rs.getLong("day_count")))
        .single();
  }

  private static BudgetGrant refused(Instant now, Instant until, boolean daySpent, long remainingToday) {
    return new BudgetGrant(0, 0, Math.max(1, Duration.between(now, until).toMillis()), daySpent, remainingToday);
  }

  private static ZoneId zone(String id) {
    try {
      return id == null ? java.time.ZoneOffset.UTC : ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new InvalidField("dayZone", id + " is not a time zone (UTC, America/New_York, …)");
    }
  }

  private static Instant nextDay(Instant now, ZoneId zone) {
    return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
  }

  private record Account(Instant now, Instant pausedUntil, LocalDate day, long dayCount) {
    long countToday(LocalDate today) {
      return today.equals(day) ? dayCount : 0;
    }
  }
}
