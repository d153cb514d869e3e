package io.onramp.engine.usage;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The adoption summary per onboarding ({@code onramp_adoption}): one upsert per onboarding and batch. */
@Component
class Adoption {

  /** What one batch adds to an onboarding's summary. */
  static final class Delta {
    Integer activeUsers;
    Instant activeUsersAt;
    long logins;
    Instant lastLoginAt;
    long invited;
    long keyFeatureUses;
    Instant lastKeyFeatureAt;
    long emailOpens;
    long emailClicks;
    Instant lastEmailAt;
    Instant activatedAt;
    Instant lastSignalAt;

    void add(UsageKind kind, BigDecimal value, Instant at) {
      long count = value.longValue();
      switch (kind) {
        case ACTIVE_USERS -> {
          if (activeUsersAt == null || !at.isBefore(activeUsersAt)) {
            activeUsers = value.intValue();
            activeUsersAt = at;
          }
        }
        case LOGIN -> {
          logins += count;
          lastLoginAt = latest(lastLoginAt, at);
        }
        case USER_INVITED -> invited += count;
        case KEY_FEATURE_USED -> {
          keyFeatureUses += count;
          lastKeyFeatureAt = latest(lastKeyFeatureAt, at);
        }
        case EMAIL_OPENED -> {
          emailOpens += count;
          lastEmailAt = latest(lastEmailAt, at);
        }
        case EMAIL_CLICKED -> {
          emailClicks += count;
          lastEmailAt = latest(lastEmailAt, at);
        }
        case ACTIVATED -> activatedAt = activatedAt == null || at.isBefore(activatedAt) ? at : activatedAt;
      }
      lastSignalAt = latest(lastSignalAt, at);
    }

    boolean isEmpty() {
      return lastSignalAt == null;
    }

    private static Instant latest(Instant a, Instant b) {
      return a == null || b.isAfter(a) ? b : a;
    }
  }

  private final JdbcClient jdbc;

  Adoption(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the batch to the summary; returns the activation instant when this batch is what activated the product. */
  Optional<Instant> apply(String onboardingId, Delta d, Instant now) {
    boolean wasActivated = Boolean.TRUE.equals(jdbc.sql("select activated_at is not null from onramp_adoption where onboarding_id = ?")
        .param(onboardingId).query(Boolean.class).optional().orElse(false));
    jdbc.sql("""
        insert into onramp_adoption as a (onboarding_id, active_users, active_users_at, logins, last_login_at, users_invited,
          key_feature_uses, last_key_feature_at, email_opens, email_clicks, last_email_at, activated_at, last_signal_at)
        values (:id, :activeUsers, :activeUsersAt, :logins, :lastLoginAt, :invited, :keyUses, :lastKeyAt, :opens, :clicks,
          :lastEmailAt, :activatedAt, :lastSignalAt)
        on conflict (onboarding_id) do update set
          active_users = case when excluded.active_users_at is not null
            and (a.active_users_at is null or excluded.active_users_at >= a.active_users_at) then excluded.active_users
            else a.active_users end,
          active_users_at = greatest(a.active_users_at, excluded.active_users_at),
          logins = a.logins + excluded.logins,
          last_login_at = greatest(a.last_login_at, excluded.last_login_at),
          users_invited = a.users_invited + excluded.users_invited,
          key_feature_uses = a.key_feature_uses + excluded.key_feature_uses,
          last_key_feature_at = greatest(a.last_key_feature_at, excluded.last_key_feature_at),
          email_opens = a.email_opens + excluded.email_opens,
          email_clicks = a.email_clicks + excluded.email_clicks,
          last_email_at = greatest(a.last_email_at, excluded.last_email_at),
          activated_at = least(a.activated_at, excluded.activated_at),
          last_signal_at = greatest(a.last_signal_at, excluded.last_signal_at)
        """).param("id", onboardingId).param("activeUsers", d.activeUsers).param("activeUsersAt", ts(d.activeUsersAt))
        .param("logins", d.logins).param("lastLoginAt", ts(d.lastLoginAt)).param("invited", d.invited)
        .param("keyUses", d.keyFeatureUses).param("lastKeyAt", ts(d.lastKeyFeatureAt)).param("opens", d.emailOpens)
        .param("clicks", d.emailClicks).param("lastEmailAt", ts(d.lastEmailAt)).param("activatedAt", ts(d.activatedAt))
        .param("lastSignalAt", ts(d.lastSignalAt)).update();
    return !wasActivated && d.activatedAt != null ? Optional.of(d.activatedAt) : Optional.empty();
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
