package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;

/**
 * The contract on PostgreSQL with LISTEN/NOTIFY switched off. Regression: the one-statement
 * enqueue called pg_notify with a null channel, which PostgreSQL rejects, so every foreground
 * publish failed on a repository built with {@code notifications(false)}.
 */
class PostgreSqlWithoutNotificationsContractTest extends JdbcRepositoryContract {

    PostgreSqlWithoutNotificationsContractTest() {
        super(TestDatabases.Kind.POSTGRESQL, false);
    }
}
