#!/usr/bin/env bash
# How the store's claims fare as claimed entries pile up between vacuums: one pgbench client runs
# the store's three writes of 200 entries (publish, claim, completion) for 150 s on a fresh queue
# table, once without a vacuum and once with a VACUUM of the table every 10 s, and prints the
# transactions per second of every 15 s. Every claim leaves its entries' pending row versions in
# the claim index until a vacuum removes them, and the next claims walk past them.
#   eventqueue-bench/sql/claims-between-vacuums.sh          (from the project root)
# Creates and drops eq_sust (with its tables, sequence and functions).
set -euo pipefail
cd "$(dirname "$0")/../.."
P="psql -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-150}
t=eq_sust
source eventqueue-bench/sql/queue-table.sh
work=$(mktemp -d)
drop_objects() {
    drop_queue $t
    $P -c "DROP SEQUENCE IF EXISTS ${t}_ids" 2>/dev/null
}
vacuums=
cleanup() {
    [ -n "$vacuums" ] && kill "$vacuums" 2>/dev/null || true
    drop_objects || true
    rm -rf "$work"
}
trap cleanup EXIT

{
    publish $t ${t}_ids
    # The claim with the settings the store sends in its transaction.
    echo "BEGIN;"
    echo "SELECT set_config('synchronous_commit', 'off', true), set_config('enable_sort', 'off', true),
          set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);" | tr '\n' ' '
    echo
    echo "WITH c AS (SELECT id FROM $t WHERE status = 'pending' AND is_background = false
          AND (next_retry_at IS NULL OR next_retry_at <= now()) ORDER BY priority, created_at, seq LIMIT 200
          FOR UPDATE SKIP LOCKED) UPDATE $t q SET status = 'processing', locked_by = 'x',
          lease_expires_at = now() + interval '30 s', attempts = attempts + 1, claim_token = claim_token + 1,
          updated_at = now() FROM c WHERE q.id = c.id;" | tr '\n' ' '
    echo
    echo "COMMIT;"
    # The completion of the claimed entries, found through the lease index as the store's are by id.
    echo "BEGIN;"
    echo "SELECT set_config('enable_seqscan', 'off', true);"
    echo "UPDATE $t SET status = 'completed', locked_by = NULL, lease_expires_at = NULL, updated_at = now()
          WHERE status = 'processing';" | tr '\n' ' '
    echo
    echo "COMMIT;"
} > "$work/writes.sql"

for mode in "no vacuum" "VACUUM every 10 s"; do
    drop_objects
    $P -c "CREATE SEQUENCE ${t}_ids"
    create_queue $t
    if [ "$mode" != "no vacuum" ]; then
        (while sleep 10; do $P -c "VACUUM $t" 2>/dev/null || true; done) &
        vacuums=$!
    fi
    echo "== $mode (autovacuum on this server: $($P -Atc 'SHOW autovacuum'))"
    pgbench -h 127.0.0.1 -U postgres -n -c 1 -T "$SECONDS_PER_RUN" -P 15 -f "$work/writes.sql" test 2>&1 \
        | grep -E '^progress|^tps'
    if [ -n "$vacuums" ]; then
        kill "$vacuums" 2>/dev/null || true
        vacuums=
    fi
done
