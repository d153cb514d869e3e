-- Vendor request budgets shared by every replica of a connector: one row per CRM account (locked by
-- each take, so takes of one account are serial), and the permits granted in the current window.
create table onramp_budget (
  crm          varchar(32)  not null,
  account      varchar(255) not null,
  paused_until timestamptz,
  day          date,
  day_count    bigint       not null default 0,
  primary key (crm, account)
);

create table onramp_budget_grant (
  id         bigserial    primary key,
  crm        varchar(32)  not null,
  account    varchar(255) not null,
  granted_at timestamptz  not null,
  permits    integer      not null check (permits > 0)
);

create index onramp_budget_grant_window on onramp_budget_grant (crm, account, granted_at);
