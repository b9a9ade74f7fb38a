-- Removes a queue table and everything the store made for it: the table of running nodes, the
-- table of entries by event and its two trigger functions (the triggers go with the queue table).
-- Every entry in the table is lost. Every statement is idempotent.
DROP TABLE IF EXISTS ${table};
DROP TABLE IF EXISTS ${table}_by_event;
DROP TABLE IF EXISTS ${table}_nodes;
DROP FUNCTION IF EXISTS ${table}_forget_deleted();
DROP FUNCTION IF EXISTS ${table}_forget_truncated();
