#!/usr/bin/env bash
# What keeping one entry per event and handler costs PostgreSQL per statement: the store's three
# writes of 200 entries (publish, claim, completion) on a queue table whose unique constraint keeps
# the pairs (as earlier builds made it) and on one whose table <queue>_by_event keeps them (as
# the schema script makes it now), on an empty table and beside 1,000,000 completed rows with their
# pairs. pgbench reports the mean latency of each statement; three rounds alternate the tables.
#   eventqueue-bench/sql/pairs-table-cost.sh          (from the project root)
# Creates and drops eq_pairs_old and eq_pairs_new (and their tables, sequence and functions).
set -euo pipefail
cd "$(dirname "$0")/../.."
P="psql -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1"
PGBENCH="pgbench -h 127.0.0.1 -U postgres -n -r -t 100"
source eventqueue-bench/sql/queue-table.sh
work=$(mktemp -d)
drop_objects() {
    drop_queue eq_pairs_old
    drop_queue eq_pairs_new
    $P -c "DROP SEQUENCE IF EXISTS eq_pairs_ids" 2>/dev/null
}
cleanup() {
    drop_objects || true
    rm -rf "$work"
}
trap cleanup EXIT

claim_and_complete() {
    echo "WITH c AS (SELECT id FROM $1 WHERE status = 'pending' AND is_background = false ORDER BY priority, created_at, seq LIMIT 200 FOR UPDATE SKIP LOCKED) UPDATE $1 q SET status = 'processing', locked_by = 'x', lease_expires_at = now() + interval '30 s', attempts = attempts + 1, claim_token = claim_token + 1, updated_at = now() FROM c WHERE q.id = c.id;"
    echo "UPDATE $1 SET status = 'completed', locked_by = NULL, lease_expires_at = NULL, updated_at = now() WHERE status = 'processing';"
}
{
    echo "INSERT INTO eq_pairs_old ($columns) SELECT $columns FROM ($(rows eq_pairs_ids)) input ON CONFLICT (event_id, handler_name) DO NOTHING;" | tr '\n' ' '
    echo
    claim_and_complete eq_pairs_old
} > "$work/old.sql"
{
    publish eq_pairs_new eq_pairs_ids
    claim_and_complete eq_pairs_new
} > "$work/new.sql"

for size in empty 1000000; do
    drop_objects
    $P -c "CREATE SEQUENCE eq_pairs_ids"
    create_queue eq_pairs_old
    create_queue eq_pairs_new
    # The table of earlier builds: the pairs in a unique constraint, no table of their own.
    $P -c "DROP TRIGGER eq_pairs_old_forget_deleted ON eq_pairs_old; DROP TRIGGER eq_pairs_old_forget_truncated ON eq_pairs_old;
           DROP TABLE eq_pairs_old_by_event;
           ALTER TABLE eq_pairs_old ADD CONSTRAINT eq_pairs_old_evh_uk UNIQUE (event_id, handler_name)"
    if [ "$size" != empty ]; then
        for t in old new; do
            $P -c "INSERT INTO eq_pairs_$t (id, event_id, event_type, event_data, handler_name, status, attempts, created_at, updated_at)
                   SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(nextval('eq_pairs_ids')), 12, '0'))::uuid, gen_random_uuid(),
                          'BenchEvent', '{\"sequence\":' || n || ',\"note\":\"order-x\"}', 'bench.handler-1', 'completed', 1,
                          now() - interval '1 day', now() - interval '1 day'
                     FROM generate_series(1, $size) n"
        done
        $P -c "INSERT INTO eq_pairs_new_by_event SELECT event_id, handler_name, id FROM eq_pairs_new"
    fi
    for statement in "VACUUM ANALYZE eq_pairs_old" "VACUUM ANALYZE eq_pairs_new" "VACUUM ANALYZE eq_pairs_new_by_event" CHECKPOINT; do
        $P -c "$statement"
    done
    for round in 1 2 3; do
        for t in old new; do
            # The store's claims and completions run with synchronous_commit off; so do these.
            printf '%s rows, round %s, %s: publish, claim, completion (ms) ' "$size" "$round" "$t"
            PGOPTIONS="-c synchronous_commit=off" $PGBENCH -f "$work/$t.sql" test 2>&1 \
                | awk '/^ +[0-9.]+ +[0-9]+ /{printf "%s ", $1} END {print ""}'
        done
    done
done
