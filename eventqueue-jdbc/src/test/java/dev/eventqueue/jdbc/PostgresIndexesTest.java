package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueCounts;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL queue table's partial indexes: which ones a table of each schema version ends up
 * with, and that the statements which need them are planned onto them, whatever the statistics.
 */
class PostgresIndexesTest {

    private final DataSource dataSource = TestDatabases.postgres();

    @Test
    void aVersionOneTableInItsOwnSchemaGetsThePartialIndexesInPlaceOfTheStatusAndOwnerIndexes() {
        inOwnSchema("v1s", schema -> {
            String table = schema + ".event_queue";
            String v1 = TableName.of("table", table)
                    .render(SchemaScripts.load("dev/eventqueue/jdbc/schema/v1/postgresql.sql"));
            for (String statement : SchemaScripts.statements(v1)) {
                TestDatabases.execute(dataSource, statement);
            }
            assertThat(indexes(schema)).contains("event_queue_status_ix", "event_queue_owner_ix");

            createSchema(table);

            assertOnlyPartialStatusIndexes(schema);
        });
    }

    @Test
    void aVersionTwoTableOfAnEarlierBuildLosesTheStatusAndOwnerIndexesWhenItsSchemaIsCreated() {
        inOwnSchema("v2s", schema -> {
            String table = schema + ".event_queue";
            createSchema(table);
            TestDatabases.execute(
                    dataSource, "CREATE INDEX event_queue_status_ix ON " + table + " (status, updated_at)");
            TestDatabases.execute(
                    dataSource,
                    "CREATE INDEX event_queue_owner_ix ON " + table + " (locked_by) WHERE status = 'processing'");

            createSchema(table);

            assertOnlyPartialStatusIndexes(schema);
        });
    }

    /** Runs {@code test} with the name of a schema of its own, dropped afterwards with all it holds. */
    private void inOwnSchema(String purpose, Consumer<String> test) {
        String schema = TestDatabases.uniqueTable(purpose);
        TestDatabases.execute(dataSource, "CREATE SCHEMA " + schema);
        try {
            test.accept(schema);
        } finally {
            TestDatabases.execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void createSchema(String table) {
        JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build()
                .createSchemaIfMissing();
    }

    private void assertOnlyPartialStatusIndexes(String schema) {
        assertThat(indexes(schema))
                .contains("event_queue_waiting_ix", "event_queue_completed_ix", "event_queue_lease_ix")
                .doesNotContain("event_queue_status_ix", "event_queue_owner_ix");
    }

    /**
     * With statistics taken while every row was completed, the planner used to read all processing
     * rows from the lease index and hash the claims against them; a completion must find each
     * claim by its key instead.
     */
    @Test
    void aCompletionFindsItsClaimsByKeyWhenStatisticsSawOnlyCompletedRows() throws SQLException {
        String table = TestDatabases.uniqueTable("plan");
        JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build()
                .createSchemaIfMissing();
        try {
            TestDatabases.execute(
                    dataSource,
                    "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, status, "
                            + "created_at, updated_at) SELECT gen_random_uuid(), gen_random_uuid(), 'T', '{}', 'h', "
                            + "'completed', now(), now() FROM generate_series(1, 200000)");
            TestDatabases.execute(dataSource, "ANALYZE " + table);
            TestDatabases.execute(
                    dataSource,
                    "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, status, "
                            + "created_at, updated_at, locked_by, lease_expires_at, claim_token) "
                            + "SELECT gen_random_uuid(), gen_random_uuid(), 'T', '{}', 'h', 'processing', now(), "
                            + "now(), 'me', now() + interval '1 minute', 1 FROM generate_series(1, 300)");

            String plan = explainCompletion(table);

            assertThat(plan).contains(table + "_pkey").doesNotContain(table + "_lease_ix");
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    @Test
    void countsByStatusComeFromThePartialIndexes() throws SQLException {
        String table = TestDatabases.uniqueTable("counts");
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        repository.createSchemaIfMissing();
        try {
            String[] statuses = {"pending", "pending", "processing", "failed", "completed", "completed", "completed"};
            for (String status : statuses) {
                TestDatabases.execute(
                        dataSource,
                        "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, status, "
                                + "created_at, updated_at) VALUES (gen_random_uuid(), gen_random_uuid(), 'T', '{}', "
                                + "'h', '" + status + "', now(), now())");
            }

            QueueCounts counts = repository.countByStatus();

            assertThat(counts).isEqualTo(new QueueCounts(2, 1, 3, 1));
            String plan = explain("EXPLAIN " + PostgresDialect.INSTANCE.countByStatus(table), List.of());
            assertThat(plan).doesNotContain("Seq Scan");
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    private String explainCompletion(String table) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, claim_token FROM " + table + " WHERE status = 'processing'");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject("id", UUID.class));
                tokens.add(rows.getLong("claim_token"));
            }
        }
        String completion = new QueueStatements(PostgresDialect.INSTANCE, table, true).completeAny();
        return explain("EXPLAIN " + completion, List.of(OffsetDateTime.now(ZoneOffset.UTC), ids, tokens));
    }

    /** The plan of {@code explain}, its parameters bound in order (lists as arrays). */
    private String explain(String explain, List<Object> parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(explain)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof List<?> list) {
                    String type = list.get(0) instanceof UUID ? "uuid" : "bigint";
                    Array array = connection.createArrayOf(type, list.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private List<String> indexes(String schema) {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = ?")) {
            select.setString(1, schema);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
