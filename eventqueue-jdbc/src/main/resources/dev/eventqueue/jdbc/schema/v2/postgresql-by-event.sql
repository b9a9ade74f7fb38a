-- Moves one entry per event and handler out of the queue table's unique index into the table
-- ${table}_by_event, for a PostgreSQL queue table made by an earlier build of schema version 2 (one
-- that still has the constraint ${name}_evh_uk); applied after postgresql.sql, which creates that
-- table and its triggers. It copies one row per entry and drops the constraint, which locks the
-- queue table until the transaction ends. Nodes of the earlier build name the constraint when they
-- insert: stop them before this runs.
INSERT INTO ${table}_by_event (event_id, handler_name, entry_id)
    SELECT event_id, handler_name, id FROM ${table}
    ON CONFLICT DO NOTHING;
ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}_evh_uk;
