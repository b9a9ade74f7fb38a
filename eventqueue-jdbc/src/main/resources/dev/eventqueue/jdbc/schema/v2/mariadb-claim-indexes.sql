-- Brings the claim and order indexes of an eventqueue queue table of schema version 2 made by an
-- earlier build (it has ${name}_claim_ix) to the current set, MariaDB 10.6 or later and MySQL
-- 8.0.16 or later. Run it once, after mariadb-indexes.sql where that applies; the store runs it
-- itself when asked to create its schema and it finds the claim index.
-- Those indexes held the status, so a claim and a completion each moved every row's entry in both;
-- their successors index computed columns that only a claim of a pending row, or the completion of
-- a row with an ordering key, changes. The statement holds writes back while it builds them.
ALTER TABLE ${table}
    ADD COLUMN pending_background BOOLEAN AS (IF(status = 'pending', is_background, NULL)) VIRTUAL,
    ADD COLUMN unfinished_ordering_key VARCHAR(255)
        AS (IF(status IN ('pending', 'processing', 'failed'), ordering_key, NULL)) VIRTUAL,
    DROP INDEX ${name}_claim_ix,
    DROP INDEX ${name}_order_ix,
    ADD INDEX ${name}_pending_ix (pending_background, priority, created_at, seq),
    ADD INDEX ${name}_unfinished_ix (handler_name, unfinished_ordering_key, seq);
