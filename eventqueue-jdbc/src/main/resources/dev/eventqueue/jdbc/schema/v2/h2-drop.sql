-- Removes a queue table and everything the store made for it: the table of running nodes.
-- Every entry in the table is lost. Every statement is idempotent.
DROP TABLE IF EXISTS ${table};
DROP TABLE IF EXISTS ${table}_nodes;
