-- eventqueue queue table, schema version 2, MariaDB 10.6 or later and MySQL 8.0.16 or later
-- (SKIP LOCKED, CHECK constraints).
-- Every statement is idempotent; index and constraint names derive from the table name.
-- Times are DATETIME(6) in UTC (the store writes and reads them as UTC whatever the session time zone).
-- utf8mb4_bin keeps handler names and event types case-sensitive, as on the other databases.
-- A table of version 1 is upgraded first by mariadb-upgrade-v1.sql (mysql-upgrade-v1.sql on MySQL);
-- a table of version 2 made by an earlier build by mariadb-indexes.sql when it still has the owner
-- index, then by mariadb-claim-indexes.sql when it still has the status-led claim index.
CREATE TABLE IF NOT EXISTS ${table} (
    seq                 BIGINT       NOT NULL AUTO_INCREMENT,        -- clustered key: inserts append, FIFO tiebreak
    id                  CHAR(36)     CHARACTER SET ascii NOT NULL,
    event_id            CHAR(36)     CHARACTER SET ascii NOT NULL,
    event_type          VARCHAR(255) NOT NULL,
    event_version       INT          NOT NULL DEFAULT 1,
    event_data          LONGTEXT     NOT NULL,
    aggregate_id        VARCHAR(255) NULL,
    ordering_key        VARCHAR(255) NULL,
    handler_name        VARCHAR(255) NOT NULL,
    status              VARCHAR(16)  NOT NULL DEFAULT 'pending',
    attempts            INT          NOT NULL DEFAULT 0,
    max_attempts        INT          NOT NULL DEFAULT 4,
    priority            INT          NOT NULL DEFAULT 100,
    is_background       BOOLEAN      NOT NULL DEFAULT FALSE,
    next_retry_at       DATETIME(6)  NULL,
    created_at          DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,                       -- for a pending entry: when it became pending
    error               TEXT         NULL,
    credentials_user_id VARCHAR(255) NULL,
    credentials_role    VARCHAR(255) NULL,
    headers             TEXT         NULL,                           -- JSON object of strings
    locked_by           VARCHAR(255) NULL,                           -- lease owner while processing
    lease_expires_at    DATETIME(6)  NULL,
    claim_token         BIGINT       NOT NULL DEFAULT 0,             -- counts claims; every write about a claim names it
    -- Computed, never stored, each NULL but for the rows a claim looks for, so that a write moving
    -- a row between two other states leaves the index on it alone: is_background of a pending row,
    -- and the ordering key of an unfinished one.
    pending_background  BOOLEAN      AS (IF(status = 'pending', is_background, NULL)) VIRTUAL,
    unfinished_ordering_key VARCHAR(255)
                        AS (IF(status IN ('pending', 'processing', 'failed'), ordering_key, NULL)) VIRTUAL,
    PRIMARY KEY (seq),
    UNIQUE KEY ${name}_id_uk (id),
    UNIQUE KEY ${name}_evh_uk (event_id, handler_name),              -- one entry per event and handler; lookups by event
    -- The claim: pending_background = ? ... ORDER BY priority, created_at, seq LIMIT ?. Equality on
    -- the first column, then index order is claim order, so the locking read stops after LIMIT rows.
    -- A claim removes its rows from it, and re-reads the status of each row it locks; a completion
    -- does not touch it.
    KEY ${name}_pending_ix (pending_background, priority, created_at, seq),
    -- Per-key order: the claim skips a row while an earlier row of its handler and key is unfinished.
    -- Rows without a key and finished rows are NULL here: claiming or completing them leaves it alone.
    KEY ${name}_unfinished_ix (handler_name, unfinished_ordering_key, seq),
    -- The next due time after a claim that found fewer entries than it wanted: read in due order
    -- from the claim's time on, where nearly every row is a pending retry or delayed entry. Without
    -- the status in it, a claim or a completion does not rewrite this index.
    KEY ${name}_due_ix (is_background, next_retry_at, handler_name),
    KEY ${name}_status_ix (status, updated_at),                      -- cleanup, failed list, counts, aging, leases
    CONSTRAINT ${name}_status_ck CHECK (status IN ('pending', 'processing', 'completed', 'failed'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Running dispatchers and the handlers they run, written by each one's housekeeping: operators
-- tell entries whose handler no running node has (orphans) from entries that merely wait.
CREATE TABLE IF NOT EXISTS ${table}_nodes (
    owner       VARCHAR(255) NOT NULL PRIMARY KEY,
    handlers    TEXT         NOT NULL,                             -- handler names, one per line
    seen_at     DATETIME(6)  NOT NULL,
    alive_until DATETIME(6)  NOT NULL                              -- counts as running until then
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
