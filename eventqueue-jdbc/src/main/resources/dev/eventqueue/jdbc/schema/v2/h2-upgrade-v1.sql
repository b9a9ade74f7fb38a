-- Upgrades an eventqueue queue table of schema version 1 to version 2, H2 2.x.
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS event_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255);
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS headers CHARACTER LARGE OBJECT;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS claim_token BIGINT DEFAULT 0 NOT NULL;
