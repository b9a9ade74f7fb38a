-- eventqueue audit trail, schema version 2, MariaDB / MySQL. Times are DATETIME(6) in UTC.
CREATE TABLE IF NOT EXISTS ${table} (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    recorded_at  DATETIME(6)  NOT NULL,
    event_id     CHAR(36)     CHARACTER SET ascii NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    handler_name VARCHAR(255) NULL,
    action       VARCHAR(32)  NOT NULL,
    attempt      INT          NOT NULL,
    user_id      VARCHAR(255) NULL,
    error        TEXT         NULL,
    KEY ${name}_event_ix (event_id, recorded_at, id)                 -- the trail is read by event id, oldest first
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
