-- eventqueue queue table, schema version 2, PostgreSQL: the index of per-aggregate order.
-- Idempotent; applied after postgresql.sql.
-- Per-key order: the claim skips a row while an earlier row of its handler and ordering key is
-- unfinished. Only such rows are indexed, so a queue without ordered handlers keeps it empty.
CREATE INDEX IF NOT EXISTS ${name}_order_ix ON ${table} (handler_name, ordering_key, seq)
    WHERE ordering_key IS NOT NULL AND status IN ('pending', 'processing', 'failed');
