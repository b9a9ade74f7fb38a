-- Upgrades an eventqueue queue table of schema version 1 to version 2, MySQL 8.0.16 or later
-- (which has no ADD COLUMN IF NOT EXISTS: run it once).
ALTER TABLE ${table}
    ADD COLUMN event_version INT NOT NULL DEFAULT 1 AFTER event_type,
    ADD COLUMN ordering_key VARCHAR(255) NULL AFTER aggregate_id,
    ADD COLUMN headers TEXT NULL AFTER credentials_role,
    ADD COLUMN claim_token BIGINT NOT NULL DEFAULT 0,
    ADD INDEX ${name}_order_ix (handler_name, ordering_key, status, seq),
    ADD INDEX ${name}_due_ix (is_background, next_retry_at, handler_name),
    DROP INDEX ${name}_owner_ix;
