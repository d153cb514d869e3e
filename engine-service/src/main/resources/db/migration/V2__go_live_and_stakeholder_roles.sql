-- Eloqua's "Onboarding" record carries the go-live date; its contacts carry each stakeholder's role.
alter table onramp_onboarding add column go_live_at timestamptz;
alter table onramp_onboarding add column eloqua_contact_roles text;   -- JSON object: email -> role
