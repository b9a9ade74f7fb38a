package dev.eventqueue.jdbc;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import javax.sql.DataSource;

/**
 * The table a JDBC contract class runs on: created by the repository itself, emptied for every
 * test's fresh repository, dropped at the end. Each test's repository replaces (and closes) the
 * previous one.
 */
final class ContractTable implements AutoCloseable {

    private final DataSource dataSource;
    private final String table;
    private final boolean notifications;
    private JdbcEventQueueRepository current;

    ContractTable(TestDatabases.Kind kind, String purpose, boolean notifications) {
        this.dataSource = kind.dataSource();
        this.table = TestDatabases.uniqueTable(purpose);
        this.notifications = notifications;
    }

    /** A new repository on the emptied table; the previous one is closed. */
    JdbcEventQueueRepository freshRepository() {
        closeCurrent();
        current = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .notifications(notifications)
                .build();
        TestDatabases.clear(dataSource, table);
        return current;
    }

    String name() {
        return table;
    }

    /** Closes the last repository and drops the table. */
    @Override
    public void close() {
        closeCurrent();
        TestDatabases.drop(dataSource, table);
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
