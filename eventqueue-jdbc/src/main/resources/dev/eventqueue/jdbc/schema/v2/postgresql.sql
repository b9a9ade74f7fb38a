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
    claim_token         BIGINT       NOT NULL DEFAULT 0,            -- counts claims; every write about a claim names it
    CONSTRAINT ${name}_evh_uk UNIQUE (event_id, handler_name)      -- one entry per event and handler; also serves lookups by event
);

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

-- Lease recovery (expired leases) looks only at processing rows.
CREATE INDEX IF NOT EXISTS ${name}_lease_ix ON ${table} (lease_expires_at) WHERE status = 'processing';
CREATE INDEX IF NOT EXISTS ${name}_owner_ix ON ${table} (locked_by) WHERE status = 'processing';

-- Cleanup of old completed rows, the failed list (oldest failure first), counts by status, and
-- priority aging (pending rows that became pending longest ago).
CREATE INDEX IF NOT EXISTS ${name}_status_ix ON ${table} (status, updated_at);

-- Running dispatchers and the handlers they run, written by each one's housekeeping: operators
-- tell entries whose handler no running node has (orphans) from entries that merely wait.
CREATE TABLE IF NOT EXISTS ${table}_nodes (
    owner       VARCHAR(255) NOT NULL PRIMARY KEY,
    handlers    TEXT         NOT NULL,                             -- handler names, one per line
    seen_at     TIMESTAMPTZ  NOT NULL,
    alive_until TIMESTAMPTZ  NOT NULL                              -- counts as running until then
);
