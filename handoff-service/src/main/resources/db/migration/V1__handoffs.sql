create table handoff (
  id                        varchar(40)  primary key,
  status                    varchar(24)  not null,
  version                   int          not null,
  owner                     varchar(255) not null,
  account_name              varchar(200) not null,
  hubspot_deal_id           varchar(64),
  salesforce_opportunity_id varchar(64),
  document                  text         not null,      -- the handoff as JSON (HandoffContent)
  completeness_score        int          not null,
  revision_comments         text,
  override_reason           text,
  created_at                timestamptz  not null,
  updated_at                timestamptz  not null,
  first_submitted_at        timestamptz,
  submitted_at              timestamptz,
  accepted_at               timestamptz,
  submissions               int          not null default 0
);
-- creation is idempotent per CRM deal
create unique index handoff_hubspot_deal on handoff (hubspot_deal_id) where hubspot_deal_id is not null;
create unique index handoff_salesforce_opportunity on handoff (salesforce_opportunity_id) where salesforce_opportunity_id is not null;
create index handoff_status on handoff (status, updated_at);

-- every change, who made it, what changed, and the document as it was
create table handoff_change (
  handoff_id  varchar(40)  not null references handoff (id),
  version     int          not null,
  kind        varchar(32)  not null,
  actor       varchar(255) not null,
  changed_at  timestamptz  not null,
  fields      text         not null,   -- JSON list of changed top-level fields
  note        text,
  document    text         not null,
  primary key (handoff_id, version)
);

-- journey messages to deliver to engine-service, written in the submit's transaction
create table journey_outbox (
  id              bigserial    primary key,
  handoff_id      varchar(40)  not null references handoff (id),
  message_name    varchar(64)  not null,
  submission      int          not null,
  variables       text         not null,   -- JSON of Camunda REST typed variables
  status          varchar(16)  not null,   -- PENDING, DELIVERED
  attempts        int          not null default 0,
  next_attempt_at timestamptz  not null,
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz  not null,
  delivered_at    timestamptz,
  process_instance_id varchar(64),
  constraint journey_outbox_once unique (handoff_id, submission)
);
create index journey_outbox_due on journey_outbox (next_attempt_at) where status = 'PENDING';
