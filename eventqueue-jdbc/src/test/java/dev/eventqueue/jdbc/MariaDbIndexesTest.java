package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB queue table's index set: a claim or a completion rewrites entries in as few indexes as
 * the queries allow, and tables made by earlier builds are brought to the same set.
 */
class MariaDbIndexesTest {

    private final DataSource dataSource = TestDatabases.mariadb();

    @Test
    void aNewTableHasNoOwnerIndexAndADueIndexWithoutTheStatus() {
        inOwnDatabase("new", table -> {
            createSchema(table);

            assertLeanIndexes(table);
        });
    }

    @Test
    void aVersionTwoTableOfAnEarlierBuildGetsTheLeanIndexesWhenItsSchemaIsCreated() {
        inOwnDatabase("v2", table -> {
            createSchema(table);
            makeIndexesOfEarlierBuild(table);
            assertThat(indexColumns(table))
                    .containsEntry("event_queue_owner_ix", List.of("locked_by"))
                    .containsEntry(
                            "event_queue_due_ix", List.of("status", "is_background", "next_retry_at", "handler_name"));

            createSchema(table);

            assertLeanIndexes(table);
        });
    }

    @Test
    void aVersionOneTableIsUpgradedToTheLeanIndexes() {
        inOwnDatabase("v1", table -> {
            String v1 = TableName.of("table", table)
                    .render(SchemaScripts.load("dev/eventqueue/jdbc/schema/v1/mariadb.sql"));
            for (String statement : SchemaScripts.statements(v1)) {
                TestDatabases.execute(dataSource, statement);
            }
            assertThat(indexColumns(table)).containsKey("event_queue_owner_ix");

            createSchema(table);

            assertLeanIndexes(table);
        });
    }

    /** Nodes starting together on a table of an earlier build: one upgrades it, none fails. */
    @Test
    void nodesUpgradingTheSameTableAtOnceAllStart() {
        inOwnDatabase("race", table -> {
            createSchema(table);
            makeIndexesOfEarlierBuild(table);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(CompletableFuture.runAsync(() -> {
                    awaitStart(start);
                    createSchema(table);
                }));
            }

            start.countDown();

            assertThat(CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)))
                    .succeedsWithin(60, TimeUnit.SECONDS);
            assertLeanIndexes(table);
        });
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The owner index and the due index as a table of schema version 2 had them before this build. */
    private void makeIndexesOfEarlierBuild(String table) {
        TestDatabases.execute(
                dataSource,
                "ALTER TABLE " + table + " DROP INDEX event_queue_due_ix, "
                        + "ADD INDEX event_queue_due_ix (status, is_background, next_retry_at, handler_name), "
                        + "ADD INDEX event_queue_owner_ix (locked_by)");
    }

    private void assertLeanIndexes(String table) {
        Map<String, List<String>> indexes = indexColumns(table);
        assertThat(indexes)
                .doesNotContainKey("event_queue_owner_ix")
                .containsEntry("event_queue_due_ix", List.of("is_background", "next_retry_at", "handler_name"))
                .containsKeys(
                        "event_queue_claim_ix",
                        "event_queue_order_ix",
                        "event_queue_status_ix",
                        "event_queue_id_uk",
                        "event_queue_evh_uk");
    }

    /** Runs {@code test} with a table {@code event_queue} in a database of its own, dropped afterwards. */
    private void inOwnDatabase(String purpose, Consumer<String> test) {
        String database = TestDatabases.uniqueTable(purpose);
        TestDatabases.execute(dataSource, "CREATE DATABASE " + database);
        try {
            test.accept(database + ".event_queue");
        } finally {
            TestDatabases.execute(dataSource, "DROP DATABASE " + database);
        }
    }

    private void createSchema(String table) {
        JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build()
                .createSchemaIfMissing();
    }

    /** Each index of the table with its columns in order. */
    private Map<String, List<String>> indexColumns(String table) {
        String[] parts = table.split("\\.");
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT index_name, column_name FROM information_schema.statistics "
                                + "WHERE table_schema = ? AND table_name = ? ORDER BY index_name, seq_in_index")) {
            select.setString(1, parts[0]);
            select.setString(2, parts[1]);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    indexes.computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return indexes;
    }
}
