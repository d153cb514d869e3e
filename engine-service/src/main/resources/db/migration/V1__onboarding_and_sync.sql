-- Onramp's own tables in the engine database (Camunda's ACT_* tables are managed by the engine).

create table onramp_onboarding (
  id                       varchar(64)  primary key,   -- root process instance id
  business_key             varchar(255),
  process_definition_key   varchar(255) not null,
  account_name             varchar(255),
  segment                  varchar(64),
  stage                    varchar(32),
  health                   varchar(16)  not null default 'ON_TRACK',
  version                  bigint       not null default 0,
  started_at               timestamptz  not null,
  closed_won_at            timestamptz,
  stage_entered_at         timestamptz,
  first_value_at           timestamptz,
  ended_at                 timestamptz,
  hubspot_deal_id          varchar(64),
  hubspot_company_id       varchar(64),
  salesforce_opportunity_id varchar(64),
  salesforce_account_id    varchar(64),
  eloqua_contact_emails    text,                        -- comma separated
  updated_at               timestamptz  not null
);
create index onramp_onboarding_business_key on onramp_onboarding (business_key);

create table onramp_stage_transition (
  id            bigserial    primary key,
  onboarding_id varchar(64)  not null references onramp_onboarding (id),
  from_stage    varchar(32),
  stage         varchar(32)  not null,
  activity_id   varchar(255) not null,
  entered_at    timestamptz  not null,
  version       bigint       not null
);
create index onramp_stage_transition_onboarding on onramp_stage_transition (onboarding_id, entered_at);

-- The coalescing sync outbox: one row per (CRM, subject); a subject is an onboarding or a task.
create table onramp_sync_item (
  id             bigserial    primary key,
  crm            varchar(16)  not null,
  subject        varchar(128) not null,               -- 'onboarding:<id>' or 'task:<taskId>'
  kind           varchar(16)  not null,               -- ONBOARDING or TASK
  onboarding_id  varchar(64)  not null references onramp_onboarding (id),
  task_id        varchar(64),
  version        bigint       not null,               -- latest version of the subject
  payload        text,                                -- task snapshot (JSON) at that version
  status         varchar(16)  not null,               -- PENDING, DONE, FAILED
  due_at         timestamptz  not null,
  changed_at     timestamptz  not null,               -- when the latest version was written
  lease_until    timestamptz,
  lease_owner    varchar(255),
  attempts       int          not null default 0,
  last_error     text,
  synced_version bigint,
  synced_at      timestamptz,
  incident_id    varchar(64),
  constraint onramp_sync_item_subject unique (crm, subject)
);
create index onramp_sync_item_due on onramp_sync_item (crm, due_at) where status = 'PENDING';
create index onramp_sync_item_onboarding on onramp_sync_item (onboarding_id);
