-- When the engine recorded each stage transition. entered_at is the stage's business date and is re-dated when a
-- step records one (go-live, first value); recorded_at never moves. Earlier rows had no separate record: their
-- entry is the best there is.
alter table onramp_stage_transition add column recorded_at timestamptz;
update onramp_stage_transition set recorded_at = entered_at;
alter table onramp_stage_transition alter column recorded_at set not null;
alter table onramp_stage_transition alter column recorded_at set default now();
