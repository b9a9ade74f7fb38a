# Sourced by the scripts beside it (from the project root): the store's PostgreSQL queue table as
# its schema scripts make and remove it, and the rows and publish statement of 200 entries that
# the scripts time. The caller sets P (its psql command).
QUEUE_SCHEMA=eventqueue-jdbc/src/main/resources/dev/eventqueue/jdbc/schema/v2

# A schema script of the store with the table name filled in: render <table> <script file>.
render() { sed "s/\${table}/$1/g; s/\${name}/$1/g; s/\${schema}//g" "$2"; }

# Creates a queue table as the store does (the table and its order index): create_queue <table>.
create_queue() {
    { render "$1" $QUEUE_SCHEMA/postgresql.sql; render "$1" $QUEUE_SCHEMA/postgresql-order.sql; } | $P -f - 2>/dev/null
}

# Removes a queue table and what belongs to it, with the store's own drop script: drop_queue <table>.
drop_queue() { render "$1" $QUEUE_SCHEMA/postgresql-drop.sql | $P -f - 2>/dev/null; }

columns="id, event_id, event_type, event_data, handler_name, priority, is_background, created_at, updated_at"

# 200 pending rows, entry ids in insert order from <sequence>, as the store's time-ordered ids are;
# event ids random, as an application's are: rows <sequence>.
rows() {
    echo "SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(nextval('$1')), 12, '0'))::uuid AS id,
      gen_random_uuid() AS event_id, 'BenchEvent'::varchar AS event_type,
      '{\"sequence\":' || g || ',\"note\":\"order-x\"}' AS event_data, 'bench.handler-1'::varchar AS handler_name,
      100 AS priority, false AS is_background, now() AS created_at, now() AS updated_at, g AS publish_order
      FROM generate_series(1, 200) g"
}

# The store's publish of those rows, each pair of event and handler first into <table>_by_event,
# on one line: publish <table> <sequence>.
publish() {
    echo "WITH input AS ($(rows "$2")), paired AS (INSERT INTO $1_by_event (event_id, handler_name, entry_id)
          SELECT event_id, handler_name, id FROM input ON CONFLICT DO NOTHING RETURNING entry_id)
          INSERT INTO $1 ($columns) SELECT $columns FROM input WHERE id IN (SELECT entry_id FROM paired)
          ORDER BY publish_order;" | tr '\n' ' '
    echo
}
