-- What the insights group and filter by, captured as the journey runs (variables from the handoff, the plan, tasks).
alter table onramp_onboarding add column variant              varchar(32);   -- the plan's variant: SELF_SERVE, ASSISTED, ENTERPRISE
alter table onramp_onboarding add column product              varchar(100);  -- the handoff's first product
alter table onramp_onboarding add column arr                  numeric(14, 2);
alter table onramp_onboarding add column csm                  varchar(255);  -- first assignee of a task for the plan's CSM group
alter table onramp_onboarding add column kickoff_at           timestamptz;
alter table onramp_onboarding add column handoff_completeness int;           -- 0-100 at the first submission
alter table onramp_onboarding add column handoff_submitted_at timestamptz;

-- When the onboarding left a stage (stage velocity without a window function over all transitions).
alter table onramp_stage_transition add column left_at timestamptz;
update onramp_stage_transition t set left_at = (select min(n.entered_at) from onramp_stage_transition n
  where n.onboarding_id = t.onboarding_id and (n.entered_at, n.id) > (t.entered_at, t.id));

-- Per onboarding, what the stage report needs without touching the transitions: a bit per stage reached
-- and the days spent in each stage (closed stays, summed), both indexed by io.onramp.processes.Stage's order
-- (HANDOFF KICKOFF SETUP TRAINING GO_LIVE FIRST_VALUE ADOPTION STEADY_STATE CANCELLED; bit 0 / element 1 = HANDOFF).
alter table onramp_onboarding add column stages_reached int not null default 0;
alter table onramp_onboarding add column stage_days     float8[];
update onramp_onboarding o set stages_reached = s.reached, stage_days = s.days from (
  select onboarding_id,
    bit_or(1 << (array_position(array['HANDOFF','KICKOFF','SETUP','TRAINING','GO_LIVE','FIRST_VALUE','ADOPTION','STEADY_STATE',
      'CANCELLED']::varchar[], stage) - 1)) as reached,
    array(select sum(date_part('epoch', t2.left_at - t2.entered_at) / 86400) from unnest(array['HANDOFF','KICKOFF','SETUP','TRAINING',
      'GO_LIVE','FIRST_VALUE','ADOPTION','STEADY_STATE','CANCELLED']) with ordinality st(name, i)
      left join onramp_stage_transition t2 on t2.onboarding_id = t.onboarding_id and t2.stage = st.name and t2.left_at is not null
      group by st.i order by st.i) as days
  from onramp_stage_transition t group by onboarding_id) s where s.onboarding_id = o.id;

-- Periods are chosen by closed-won date (or the start when there is none).
create index onramp_onboarding_cohort on onramp_onboarding ((coalesce(closed_won_at, started_at)));

-- A step whose SLA passed (its non-interrupting timer fired), and the rescue action the CS lead chose.
create table onramp_sla_breach (
  id            bigserial    primary key,
  onboarding_id varchar(64)  not null references onramp_onboarding (id),
  activity_id   varchar(255) not null,
  breached_at   timestamptz  not null,
  rescue_action varchar(64)
);
create index onramp_sla_breach_onboarding on onramp_sla_breach (onboarding_id);

-- Onboarding survey answers (CSAT 1-5, NPS 0-10), recorded through the insights API.
create table onramp_survey_answer (
  id            bigserial    primary key,
  onboarding_id varchar(64)  not null references onramp_onboarding (id),
  kind          varchar(8)   not null,
  score         int          not null,
  answered_at   timestamptz  not null,
  constraint onramp_survey_answer_once unique (onboarding_id, kind)
);

-- The renewal outcome of an onboarded customer, recorded through the insights API (or from the CRM).
create table onramp_renewal_outcome (
  onboarding_id varchar(64)  primary key references onramp_onboarding (id),
  outcome       varchar(16)  not null,                 -- RENEWED or CHURNED
  decided_at    timestamptz  not null
);

-- The stage a cancelled onboarding was in (the completion report's drop-outs).
alter table onramp_onboarding add column cancelled_in varchar(32);
update onramp_onboarding o set cancelled_in = t.from_stage from onramp_stage_transition t
  where t.onboarding_id = o.id and t.stage = 'CANCELLED';
