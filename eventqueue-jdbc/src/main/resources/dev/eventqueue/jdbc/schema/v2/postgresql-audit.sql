-- eventqueue audit trail, schema version 2, PostgreSQL.
CREATE TABLE IF NOT EXISTS ${table} (
    id           BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    event_id     UUID         NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    handler_name VARCHAR(255),
    action       VARCHAR(32)  NOT NULL,
    attempt      INTEGER      NOT NULL,
    user_id      VARCHAR(255),
    error        TEXT
);

-- The trail is read by event id, oldest first.
CREATE INDEX IF NOT EXISTS ${name}_event_ix ON ${table} (event_id, recorded_at, id);
