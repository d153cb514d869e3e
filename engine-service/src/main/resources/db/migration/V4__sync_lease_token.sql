-- Each claim stamps its rows with a token; an acknowledgement must carry it, so one whose lease has
-- moved on (another replica claimed the row, or it was already answered) changes nothing.
alter table onramp_sync_item add column lease_token varchar(36);
