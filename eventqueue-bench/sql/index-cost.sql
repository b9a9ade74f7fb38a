-- What the queue table's indexes cost PostgreSQL per row, without any client in the way: the
-- three writes of an entry's life (insert pending, claim, complete) as set-based statements over
-- 200,000 rows, on the indexes of earlier builds (A: one status index over every row, an owner
-- index) and on the shipped ones (B: partial status indexes of pending and failed rows and of
-- completed rows, no owner index).
--   psql -h 127.0.0.1 -U postgres -d test -f eventqueue-bench/sql/index-cost.sql
-- Creates and drops eq_bench_idx_a and eq_bench_idx_b.
\timing on
DROP TABLE IF EXISTS eq_bench_idx_a; DROP TABLE IF EXISTS eq_bench_idx_b;
CREATE TABLE eq_bench_idx_a (
    id UUID NOT NULL PRIMARY KEY, seq BIGINT GENERATED ALWAYS AS IDENTITY, event_id UUID NOT NULL,
    event_type VARCHAR(255) NOT NULL, event_data TEXT NOT NULL, aggregate_id VARCHAR(255), handler_name VARCHAR(255) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','completed','failed')),
    attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 4, priority INTEGER NOT NULL DEFAULT 100,
    is_background BOOLEAN NOT NULL DEFAULT FALSE, next_retry_at TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
    error TEXT, credentials_user_id VARCHAR(255), credentials_role VARCHAR(255), locked_by VARCHAR(255), lease_expires_at TIMESTAMPTZ,
    CONSTRAINT eq_bench_idx_a_evh_uk UNIQUE (event_id, handler_name));
CREATE TABLE eq_bench_idx_b (LIKE eq_bench_idx_a INCLUDING ALL);
CREATE INDEX ON eq_bench_idx_a (is_background, priority, created_at, seq) WHERE status = 'pending';
CREATE INDEX ON eq_bench_idx_a (lease_expires_at) WHERE status = 'processing';
CREATE INDEX ON eq_bench_idx_a (locked_by) WHERE status = 'processing';
CREATE INDEX ON eq_bench_idx_a (status, updated_at);
CREATE INDEX ON eq_bench_idx_b (is_background, priority, created_at, seq) WHERE status = 'pending';
CREATE INDEX ON eq_bench_idx_b (lease_expires_at) WHERE status = 'processing';
CREATE INDEX ON eq_bench_idx_b (updated_at) WHERE status = 'completed';
CREATE INDEX ON eq_bench_idx_b (status, updated_at) WHERE status IN ('pending', 'failed');
\echo insert A (earlier indexes)
INSERT INTO eq_bench_idx_a (id, event_id, event_type, event_data, handler_name, created_at, updated_at) SELECT gen_random_uuid(), gen_random_uuid(), 'BenchEvent', '{"eventId":"3742a9e7-237c-4a53-9517-c861c73ec8f9","occurredAt":"2026-11-26T21:53:22.788714082Z","sequence":' || n || ',"note":"order-1"}', 'bench.handler-1', now(), now() FROM generate_series(1, 200000) n;
\echo insert B (shipped: partial status indexes, no owner index)
INSERT INTO eq_bench_idx_b (id, event_id, event_type, event_data, handler_name, created_at, updated_at) SELECT gen_random_uuid(), gen_random_uuid(), 'BenchEvent', '{"eventId":"3742a9e7-237c-4a53-9517-c861c73ec8f9","occurredAt":"2026-11-26T21:53:22.788714082Z","sequence":' || n || ',"note":"order-1"}', 'bench.handler-1', now(), now() FROM generate_series(1, 200000) n;
\echo claim-update A
UPDATE eq_bench_idx_a SET status='processing', locked_by='x', lease_expires_at=now(), attempts=attempts+1, updated_at=now();
\echo claim-update B
UPDATE eq_bench_idx_b SET status='processing', locked_by='x', lease_expires_at=now(), attempts=attempts+1, updated_at=now();
\echo complete A
UPDATE eq_bench_idx_a SET status='completed', locked_by=NULL, lease_expires_at=NULL, updated_at=now();
\echo complete B
UPDATE eq_bench_idx_b SET status='completed', locked_by=NULL, lease_expires_at=NULL, updated_at=now();
DROP TABLE eq_bench_idx_a; DROP TABLE eq_bench_idx_b;
