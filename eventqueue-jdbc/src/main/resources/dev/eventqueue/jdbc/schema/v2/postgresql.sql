-- eventqueue queue table, schema version 2, PostgreSQL 12 or later.
-- Every statement is idempotent; index and constraint names derive from the table name.
-- A table of version 1 is upgraded first by postgresql-upgrade-v1.sql (the store runs it when asked
-- to create its schema; a migration tool can run it too).
CREATE TABLE IF NOT EXISTS ${table} (
    id                  UUID         NOT NULL PRIMARY KEY,
    seq                 BIGINT       GENERATED ALWAYS AS IDENTITY,  -- FIFO among equal priority and created_at
    event_id            UUID         NOT NULL,
    event_type          VARCHAR(255) NOT NULL,
    event_version       INTEGER      NOT NULL DEFAULT 1,            -- the version of the event's shape it was written with
    event_data          TEXT         NOT NULL,
    aggregate_id        VARCHAR(255),
    ordering_key        VARCHAR(255),                               -- entries of one handler with one key start in order
    handler_name        VARCHAR(255) NOT NULL,
    status              VARCHAR(16)  NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    attempts            INTEGER      NOT NULL DEFAULT 0,
    max_attempts        INTEGER      NOT NULL DEFAULT 4,
    priority            INTEGER      NOT NULL DEFAULT 100,
    is_background       BOOLEAN      NOT NULL DEFAULT FALSE,
    next_retry_at       TIMESTAMPTZ,                                -- not due before (a retry, or a delayed entry)
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,                      -- for a pending entry: when it became pending
    error               TEXT,
    credentials_user_id VARCHAR(255),
    credentials_role    VARCHAR(255),
    headers             TEXT,                                       -- JSON object of strings (trace context and the like)
    locked_by           VARCHAR(255),                               -- lease owner while processing
    lease_expires_at    TIMESTAMPTZ,
    claim_token         BIGINT       NOT NULL DEFAULT 0             -- counts claims; every write about a claim names it
);

-- One entry per event and handler, and the entries of an event, through a narrow table of its own
-- written once per entry at publish: as a unique index of the queue table it took a new entry at
-- every claim and every completion (an update that changes an indexed column writes an entry into
-- every index), about a third of each claim's and completion's time, and more as completed rows
-- piled up in it.
CREATE TABLE IF NOT EXISTS ${table}_by_event (
    event_id     UUID         NOT NULL,
    handler_name VARCHAR(255) NOT NULL,
    entry_id     UUID         NOT NULL,
    CONSTRAINT ${name}_by_event_pk PRIMARY KEY (event_id, handler_name)
);

-- Whatever deletes entries (a completion that deletes, cleanup, an operator, a hand-written DELETE)
-- deletes their rows of the table above in the same statement, once per statement. The settings
-- keep the cached plan on the primary key however small the table was when it was first planned.
CREATE OR REPLACE FUNCTION ${table}_forget_deleted() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    DELETE FROM ${table}_by_event pair USING deleted_entries gone
     WHERE pair.event_id = gone.event_id AND pair.handler_name = gone.handler_name AND pair.entry_id = gone.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ${table}_forget_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE ${table}_by_event;
    RETURN NULL;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND tgname = '${name}_forget_deleted') THEN
        CREATE TRIGGER ${name}_forget_deleted AFTER DELETE ON ${table}
            REFERENCING OLD TABLE AS deleted_entries
            FOR EACH STATEMENT EXECUTE FUNCTION ${table}_forget_deleted();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND tgname = '${name}_forget_truncated') THEN
        CREATE TRIGGER ${name}_forget_truncated AFTER TRUNCATE ON ${table}
            FOR EACH STATEMENT EXECUTE FUNCTION ${table}_forget_truncated();
    END IF;
END $$;

-- The claim: WHERE status = 'pending' AND is_background = ? ... ORDER BY priority, created_at, seq LIMIT ?.
-- A partial index holds only pending rows, so it stays small however many completed rows pile up,
-- and is read in claim order: the claim stops after LIMIT matching rows instead of sorting.
CREATE INDEX IF NOT EXISTS ${name}_claim_ix ON ${table} (is_background, priority, created_at, seq)
    WHERE status = 'pending';

-- The next due time, asked after a claim that found fewer entries than it wanted: the first
-- pending row of the loop due after the claim, read in due order. Only rows with a due time (a
-- retry, a delayed entry) are in it, so a publish due at once does not touch it.
CREATE INDEX IF NOT EXISTS ${name}_due_ix ON ${table} (is_background, next_retry_at, handler_name)
    WHERE status = 'pending' AND next_retry_at IS NOT NULL;

-- Lease recovery (expired leases) looks only at processing rows; so does the heartbeat, which finds
-- a node's claims by their ids.
CREATE INDEX IF NOT EXISTS ${name}_lease_ix ON ${table} (lease_expires_at) WHERE status = 'processing';

-- Pending and failed rows by when they got there: priority aging (pending rows that became pending
-- longest ago), the failed list (oldest failure first) and their counts. Completed rows have an
-- index of their own for cleanup and counts. No index covers every status: a claim, which turns a
-- pending row into a processing one, then writes two index entries (key, lease) where an index
-- over all rows, one of owners and a unique one of event and handler made it five.
CREATE INDEX IF NOT EXISTS ${name}_waiting_ix ON ${table} (status, updated_at) WHERE status IN ('pending', 'failed');
CREATE INDEX IF NOT EXISTS ${name}_completed_ix ON ${table} (updated_at) WHERE status = 'completed';

-- The indexes that the two above replace, in a table created by an earlier build; a no-op otherwise.
DROP INDEX IF EXISTS ${schema}${name}_status_ix;
DROP INDEX IF EXISTS ${schema}${name}_owner_ix;

-- Running dispatchers and the handlers they run, written by each one's housekeeping: operators
-- tell entries whose handler no running node has (orphans) from entries that merely wait.
CREATE TABLE IF NOT EXISTS ${table}_nodes (
    owner       VARCHAR(255) NOT NULL PRIMARY KEY,
    handlers    TEXT         NOT NULL,                             -- handler names, one per line
    seen_at     TIMESTAMPTZ  NOT NULL,
    alive_until TIMESTAMPTZ  NOT NULL                              -- counts as running until then
);
