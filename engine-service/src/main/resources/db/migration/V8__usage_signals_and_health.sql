-- Product-usage signals per onboarding (POST /api/usage/events, and the CRM property routes): a time series,
-- idempotent by the sender's event id. fingerprint is a hash of what the event says, so a replay with the same id
-- but different content is refused instead of silently ignored.
create table onramp_usage_event (
  event_id      varchar(128) primary key,
  onboarding_id varchar(64)  not null references onramp_onboarding (id),
  kind          varchar(32)  not null,              -- ACTIVE_USERS, LOGIN, USER_INVITED, KEY_FEATURE_USED, ACTIVATED, EMAIL_OPENED, EMAIL_CLICKED
  value         numeric(14, 2) not null,
  occurred_at   timestamptz  not null,
  received_at   timestamptz  not null,
  source        varchar(32)  not null,              -- api, hubspot, salesforce
  fingerprint   varchar(64)  not null
);
create index onramp_usage_event_series on onramp_usage_event (onboarding_id, kind, occurred_at);

-- Adoption depth per onboarding, kept up to date with every signal so health and insights never scan the series.
create table onramp_adoption (
  onboarding_id     varchar(64)  primary key references onramp_onboarding (id),
  active_users      int,                            -- the latest ACTIVE_USERS reading
  active_users_at   timestamptz,
  logins            bigint       not null default 0,
  last_login_at     timestamptz,
  users_invited     bigint       not null default 0,
  key_feature_uses  bigint       not null default 0,
  last_key_feature_at timestamptz,
  email_opens       bigint       not null default 0,
  email_clicks      bigint       not null default 0,
  last_email_at     timestamptz,
  activated_at      timestamptz,
  last_signal_at    timestamptz  not null
);

-- Every health change with what decided it (the health table's rule, an SLA, a designer's explicit input).
create table onramp_health_change (
  id            bigserial    primary key,
  onboarding_id varchar(64)  not null references onramp_onboarding (id),
  from_health   varchar(16),
  health        varchar(16)  not null,
  reason        varchar(255),
  cause         varchar(32)  not null,              -- SIGNAL, DAILY, STAGE, SLA, MODEL
  changed_at    timestamptz  not null
);
create index onramp_health_change_onboarding on onramp_health_change (onboarding_id, changed_at);

-- The third health level is OFF_TRACK (was STALLED).
update onramp_onboarding set health = 'OFF_TRACK' where health = 'STALLED';

-- When the daily health check last looked at an onboarding (its claim: replicas share the run, a restart resumes it).
alter table onramp_onboarding add column health_checked_at timestamptz;

-- Usage events name the account by its CRM id.
create index onramp_onboarding_hubspot_company on onramp_onboarding (hubspot_company_id);
create index onramp_onboarding_salesforce_account on onramp_onboarding (salesforce_account_id);
