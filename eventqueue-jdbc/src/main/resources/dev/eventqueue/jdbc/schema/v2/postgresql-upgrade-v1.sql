-- Upgrades an eventqueue queue table of schema version 1 to version 2, PostgreSQL.
-- Adding columns with constant defaults changes no row on PostgreSQL 11 or later: it is instant.
ALTER TABLE ${table}
    ADD COLUMN IF NOT EXISTS event_version INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255),
    ADD COLUMN IF NOT EXISTS headers TEXT,
    ADD COLUMN IF NOT EXISTS claim_token BIGINT NOT NULL DEFAULT 0;
