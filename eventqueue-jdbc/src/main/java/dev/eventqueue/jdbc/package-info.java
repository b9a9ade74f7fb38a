/**
 * The event queue and audit trail in a database over plain JDBC:
 * {@link dev.eventqueue.jdbc.JdbcEventQueueRepository} (claims, leases, recovery, wake-ups),
 * {@link dev.eventqueue.jdbc.JdbcAuditLog}, {@link dev.eventqueue.jdbc.JdbcTransactions} and
 * {@link dev.eventqueue.jdbc.JdbcConnectionProvider} for publishes that join the caller's
 * transaction, and {@link dev.eventqueue.jdbc.SchemaScripts} for the DDL.
 */
package dev.eventqueue.jdbc;
