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
    void aNewTableHasTheLeanIndexes() {
        inOwnDatabase("new", table -> {
            createSchema(table);

            assertLeanIndexes(table);
        });
    }

    @Test
    void aVersionTwoTableOfTheFirstBuildGetsTheLeanIndexesWhenItsSchemaIsCreated() {
        inOwnDatabase("v2", table -> {
            createSchema(table);
            makeIndexesOfFirstBuild(table);
            assertThat(indexColumns(table))
                    .containsEntry("event_queue_owner_ix", List.of("locked_by"))
                    .containsEntry(
                            "event_queue_due_ix", List.of("status", "is_background", "next_retry_at", "handler_name"))
                    .containsKeys("event_queue_claim_ix", "event_queue_order_ix");

            createSchema(table);

            assertLeanIndexes(table);
        });
    }

    @Test
    void aVersionTwoTableWithStatusLedClaimIndexesKeepsItsEntriesAndGetsTheLeanIndexes() {
        inOwnDatabase("v2claim", table -> {
            createSchema(table);
            makeClaimIndexesOfEarlierBuild(table);
            TestDatabases.execute(
                    dataSource,
                    "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, ordering_key, "
                            + "status, created_at, updated_at) VALUES (UUID(), UUID(), 'T', '{}', 'h', 'k', "
                            + "'pending', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");

            createSchema(table);

            assertLeanIndexes(table);
            assertThat(countWhere(table, "pending_background = FALSE AND unfinished_ordering_key = 'k'"))
                    .isEqualTo(1);
        });
    }

    /**
     * The claim reads the pending index in claim order and stops after LIMIT rows; the aged claim
     * reads the status index in the order rows became pending. Neither sorts.
     */
    @Test
    void claimsReadTheirIndexInOrder() {
        inOwnDatabase("claimplan", table -> {
            createSchema(table);
            insertRowsAndAnalyze(table, "NULL", "IF(seq % 2 = 0, 'pending', 'completed')");
            QueueStatements sql = new QueueStatements(MariaDbDialect.MARIADB, table, true);
            String now = "UTC_TIMESTAMP(6)";

            Map<String, String> claim = explained(sql.claimSelect(1), "FALSE", "'h'", now, "10");
            Map<String, String> aged = explained(sql.claimAgedSelect(1), "FALSE", "'h'", now, now, "10");

            assertThat(claim.get("key")).isEqualTo("event_queue_pending_ix");
            assertThat(aged.get("key")).isEqualTo("event_queue_status_ix");
            assertThat(claim.get("Extra")).doesNotContain("filesort");
            assertThat(aged.get("Extra")).doesNotContain("filesort");
        });
    }

    /**
     * The order test that a claim of ordered entries reads again after its select finds those rows
     * by the clustered key and their earlier rows in the order index alone.
     */
    @Test
    void theRepeatedOrderTestReadsByKeys() {
        inOwnDatabase("mustwait", table -> {
            createSchema(table);
            insertRowsAndAnalyze(table, "CONCAT('k', seq % 100)", "IF(seq % 3 = 0, 'pending', 'completed')");
            QueueStatements sql = new QueueStatements(MariaDbDialect.MARIADB, table, true);

            List<Map<String, String>> plan = plan(sql.mustWait(2), "300", "600");

            assertThat(plan).hasSize(2);
            assertThat(plan.get(0)).containsEntry("table", "candidate").containsEntry("key", "PRIMARY");
            assertThat(plan.get(1)).containsEntry("table", "earlier").containsEntry("key", "event_queue_unfinished_ix");
            assertThat(plan.get(1).get("Extra")).contains("Using index");
        });
    }

    /**
     * Only what a claim looks for has a value in the computed columns: the loop of a pending row,
     * the ordering key of an unfinished one. A claim removes a row from the claim index and leaves
     * the order index alone; a completion of a row without an ordering key changes neither.
     */
    @Test
    void theComputedColumnsHoldOnlyWhatAClaimLooksFor() {
        inOwnDatabase("computed", table -> {
            createSchema(table);
            for (String status : List.of("pending", "processing", "completed", "failed")) {
                TestDatabases.execute(
                        dataSource,
                        "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, "
                                + "ordering_key, status, is_background, created_at, updated_at) VALUES (UUID(), UUID(), "
                                + "'T', '{}', 'h', '" + status + "-key', '" + status
                                + "', TRUE, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
            }

            assertThat(countWhere(table, "pending_background IS NOT NULL")).isEqualTo(1);
            assertThat(countWhere(table, "pending_background = TRUE AND status = 'pending'"))
                    .isEqualTo(1);
            assertThat(countWhere(table, "unfinished_ordering_key IS NOT NULL")).isEqualTo(3);
            assertThat(countWhere(table, "unfinished_ordering_key = 'completed-key'"))
                    .isZero();
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
            makeIndexesOfFirstBuild(table);
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

    /**
     * MariaDB plans {@code (id, claim_token) IN ((?, ?))} as a row comparison without a key: a
     * completion of one entry read every processing row, or the whole table. Each write about
     * claims, whatever their number, must find them by key.
     */
    @Test
    void writesAboutClaimsFindThemByKeyWhateverTheirNumber() {
        inOwnDatabase("plan", table -> {
            createSchema(table);
            TestDatabases.execute(
                    dataSource,
                    "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, status, "
                            + "locked_by, claim_token, created_at, updated_at) SELECT UUID(), UUID(), 'T', '{}', "
                            + "'h', IF(seq % 3 = 0, 'processing', 'completed'), 'me', 1, UTC_TIMESTAMP(6), "
                            + "UTC_TIMESTAMP(6) FROM seq_1_to_3000");
            List<String> held = claimIds(table, 3);
            for (boolean keepCompleted : new boolean[] {true, false}) {
                QueueStatements sql = new QueueStatements(MariaDbDialect.MARIADB, table, keepCompleted);
                for (int claims = 1; claims <= 3; claims++) {
                    for (String statement :
                            List.of(sql.complete(claims), sql.release(claims), sql.selectHeld(claims))) {
                        String bound = bindClaims(statement, held.subList(0, claims));

                        assertThat(explainedKey(bound)).as("plan of %s", bound).isEqualTo("event_queue_id_uk");
                    }
                }
            }
        });
    }

    private List<String> claimIds(String table, int count) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id FROM " + table + " WHERE status = 'processing' LIMIT " + count);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** The statement with its time, if any, and each claim's id and token written in. */
    private static String bindClaims(String statement, List<String> ids) {
        String bound = statement.replaceFirst("updated_at = \\?", "updated_at = UTC_TIMESTAMP(6)");
        for (String id : ids) {
            bound = bound.replaceFirst("\\?", "'" + id + "'").replaceFirst("\\?", "1");
        }
        assertThat(bound).doesNotContain("?");
        return bound;
    }

    private String explainedKey(String statement) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + statement);
                ResultSet rows = explain.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getString("key");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The indexes of a table of schema version 2 made by the first build: the owner index, a due index led by the status. */
    private void makeIndexesOfFirstBuild(String table) {
        makeClaimIndexesOfEarlierBuild(table);
        TestDatabases.execute(
                dataSource,
                "ALTER TABLE " + table + " DROP INDEX event_queue_due_ix, "
                        + "ADD INDEX event_queue_due_ix (status, is_background, next_retry_at, handler_name), "
                        + "ADD INDEX event_queue_owner_ix (locked_by)");
    }

    /** The claim and order indexes led by the status, as tables of schema version 2 had them before the computed columns. */
    private void makeClaimIndexesOfEarlierBuild(String table) {
        TestDatabases.execute(
                dataSource,
                "ALTER TABLE " + table + " DROP INDEX event_queue_pending_ix, DROP INDEX event_queue_unfinished_ix, "
                        + "DROP COLUMN pending_background, DROP COLUMN unfinished_ordering_key, "
                        + "ADD INDEX event_queue_claim_ix (status, is_background, priority, created_at, seq), "
                        + "ADD INDEX event_queue_order_ix (handler_name, ordering_key, status, seq)");
    }

    private void assertLeanIndexes(String table) {
        Map<String, List<String>> indexes = indexColumns(table);
        assertThat(indexes)
                .doesNotContainKeys("event_queue_owner_ix", "event_queue_claim_ix", "event_queue_order_ix")
                .containsEntry("event_queue_due_ix", List.of("is_background", "next_retry_at", "handler_name"))
                .containsEntry("event_queue_pending_ix", List.of("pending_background", "priority", "created_at", "seq"))
                .containsEntry("event_queue_unfinished_ix", List.of("handler_name", "unfinished_ordering_key", "seq"))
                .containsKeys("event_queue_status_ix", "event_queue_id_uk", "event_queue_evh_uk");
    }

    private long countWhere(String table, String condition) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + condition);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 3,000 rows of handler 'h' with the ordering key and status that two SQL expressions give (over
     * {@code seq}, the number of the generated row), then fresh statistics for the planner.
     */
    private void insertRowsAndAnalyze(String table, String orderingKey, String status) {
        TestDatabases.execute(
                dataSource,
                "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, ordering_key, "
                        + "status, created_at, updated_at) SELECT UUID(), UUID(), 'T', '{}', 'h', " + orderingKey
                        + ", " + status + ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_3000");
        TestDatabases.execute(dataSource, "ANALYZE TABLE " + table);
    }

    /** The first row of the plan of {@code statement} with its parameters written in, in order. */
    private Map<String, String> explained(String statement, String... values) {
        List<Map<String, String>> plan = plan(statement, values);
        assertThat(plan).isNotEmpty();
        return plan.get(0);
    }

    /** Table, key and extra of each row of the plan of {@code statement} with its parameters written in. */
    private List<Map<String, String>> plan(String statement, String... values) {
        String bound = statement;
        for (String value : values) {
            bound = bound.replaceFirst("\\?", value);
        }
        assertThat(bound).doesNotContain("?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + bound);
                ResultSet rows = explain.executeQuery()) {
            List<Map<String, String>> plan = new ArrayList<>();
            while (rows.next()) {
                plan.add(Map.of(
                        "table", String.valueOf(rows.getString("table")),
                        "key", String.valueOf(rows.getString("key")),
                        "Extra", String.valueOf(rows.getString("Extra"))));
            }
            return plan;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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

    /** What a node does at start with {@code createSchema(true)}. */
    private void createSchema(String table) {
        JdbcEventQueueRepository.builder(dataSource).tableName(table).build().createSchemaIfMissing();
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
