-- What the order of entry ids costs PostgreSQL once the primary key outgrows the cache: 20,000
-- inserts into a table that already holds 1,000,000 rows, with random (version 4) ids and with
-- time-ordered (version 7) ids as the store now writes them. Compare the Buffers lines: pages
-- read from outside shared_buffers and pages dirtied (each dirtied page is written back, and its
-- first change after a checkpoint puts a full page image into the WAL).
--   psql -h 127.0.0.1 -U postgres -d test -f eventqueue-bench/sql/entry-id-order.sql
-- Creates and drops eq_bench_ids_random and eq_bench_ids_ordered.
DROP TABLE IF EXISTS eq_bench_ids_random, eq_bench_ids_ordered;
CREATE TABLE eq_bench_ids_random (id UUID PRIMARY KEY, payload TEXT);
CREATE TABLE eq_bench_ids_ordered (id UUID PRIMARY KEY, payload TEXT);
-- 48 bits of milliseconds, version 7, random bits; ten ids per millisecond.
CREATE FUNCTION pg_temp.ordered_id(millis BIGINT) RETURNS UUID LANGUAGE sql AS $$
    SELECT (lpad(to_hex(millis), 12, '0') || '7' || substr(md5(random()::text), 1, 3) || '8'
            || substr(md5(random()::text), 1, 15))::uuid $$;
INSERT INTO eq_bench_ids_random SELECT gen_random_uuid(), repeat('x', 400) FROM generate_series(1, 1000000);
INSERT INTO eq_bench_ids_ordered
    SELECT pg_temp.ordered_id(1700000000000 + n / 10), repeat('x', 400) FROM generate_series(1, 1000000) n;
CHECKPOINT;
SELECT pg_size_pretty(pg_relation_size('eq_bench_ids_random_pkey')) AS random_key_size,
       pg_size_pretty(pg_relation_size('eq_bench_ids_ordered_pkey')) AS ordered_key_size;
\echo 20,000 more rows, random ids
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF)
    INSERT INTO eq_bench_ids_random SELECT gen_random_uuid(), 'y' FROM generate_series(1, 20000);
\echo 20,000 more rows, time-ordered ids
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF)
    INSERT INTO eq_bench_ids_ordered SELECT pg_temp.ordered_id(1800000000000 + n / 10), 'y' FROM generate_series(1, 20000) n;
DROP TABLE eq_bench_ids_random, eq_bench_ids_ordered;
