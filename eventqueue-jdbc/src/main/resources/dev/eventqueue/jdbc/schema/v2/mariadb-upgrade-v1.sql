-- Upgrades an eventqueue queue table of schema version 1 to version 2, MariaDB 10.6 or later.
ALTER TABLE ${table}
    ADD COLUMN IF NOT EXISTS event_version INT NOT NULL DEFAULT 1 AFTER event_type,
    ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255) NULL AFTER aggregate_id,
    ADD COLUMN IF NOT EXISTS headers TEXT NULL AFTER credentials_role,
    ADD COLUMN IF NOT EXISTS claim_token BIGINT NOT NULL DEFAULT 0,
    ADD INDEX IF NOT EXISTS ${name}_order_ix (handler_name, ordering_key, status, seq),
    ADD INDEX IF NOT EXISTS ${name}_due_ix (is_background, next_retry_at, handler_name),
    DROP INDEX IF EXISTS ${name}_owner_ix;
