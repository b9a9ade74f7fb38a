-- Upgrades an eventqueue queue table of schema version 1 to version 2, PostgreSQL.
-- Version 2 adds four columns and replaces two indexes (one over every row's status, one of lease
-- owners) with partial indexes, so that a claim writes fewer index entries. Building the new
-- indexes reads the table and blocks writes meanwhile: on a large table, create them first with
-- CREATE INDEX CONCURRENTLY and the definitions below.
-- Adding columns with constant defaults changes no row on PostgreSQL 11 or later: it is instant.
ALTER TABLE ${table}
    ADD COLUMN IF NOT EXISTS event_version INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255),
    ADD COLUMN IF NOT EXISTS headers TEXT,
    ADD COLUMN IF NOT EXISTS claim_token BIGINT NOT NULL DEFAULT 0;

CREATE INDEX IF NOT EXISTS ${name}_waiting_ix ON ${table} (status, updated_at) WHERE status IN ('pending', 'failed');
CREATE INDEX IF NOT EXISTS ${name}_completed_ix ON ${table} (updated_at) WHERE status = 'completed';
DROP INDEX IF EXISTS ${schema}${name}_status_ix;
DROP INDEX IF EXISTS ${schema}${name}_owner_ix;
