-- Closed-won events a CRM connector has handled (HubSpot webhook event ids, Salesforce Outbound
-- Message notification ids): shared by every connector replica and kept across restarts, so a
-- redelivery is recognised wherever and whenever it arrives. Rows older than the retention go.
create table crm_event (
  crm        varchar(16)  not null check (crm in ('hubspot', 'salesforce')),
  event_id   varchar(100) not null,
  handled_at timestamptz  not null,
  handoff_id varchar(40)  references handoff (id),
  primary key (crm, event_id)
);
create index crm_event_handled_at on crm_event (handled_at);
