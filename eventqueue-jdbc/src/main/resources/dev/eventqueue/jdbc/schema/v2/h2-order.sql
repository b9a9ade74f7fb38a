-- eventqueue queue table, schema version 2, H2: the index of per-aggregate order. Applied after h2.sql.
-- Per-key order: the claim skips a row while an earlier row of its handler and ordering key is unfinished.
CREATE INDEX IF NOT EXISTS ${name}_order_ix ON ${table} (handler_name, ordering_key, status, seq);
