-- Brings the indexes of an eventqueue queue table of schema version 2 made by an earlier build (it
-- has ${name}_owner_ix) to the current set, MariaDB 10.6 or later and MySQL 8.0.16 or later. Run it
-- once; the store runs it itself when asked to create its schema and it finds the owner index.
-- A claim and a completion each rewrote entries in five indexes; after this, in three: a
-- node's claims are found by their ids, and the due index no longer starts with the status.
ALTER TABLE ${table}
    DROP INDEX ${name}_owner_ix,
    DROP INDEX ${name}_due_ix,
    ADD INDEX ${name}_due_ix (is_background, next_retry_at, handler_name);
