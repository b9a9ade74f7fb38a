package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyDialectShipsQueueAndAuditScriptsWithTheTableFilledIn(Dialect dialect) {
        String queue = SchemaScripts.queueTable(dialect, "app.my_queue");
        String audit = SchemaScripts.auditTable(dialect, "my_audit");

        assertThat(queue).contains("CREATE TABLE IF NOT EXISTS app.my_queue").doesNotContain("${");
        assertThat(audit).contains("CREATE TABLE IF NOT EXISTS my_audit").doesNotContain("${");
        assertThat(SchemaScripts.statements(queue))
                .allSatisfy(
                        statement -> assertThat(statement).doesNotContain("--").doesNotEndWith(";"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void mariaDbMySqlAndPostgreSqlShipIndexUpgradesForTablesOfEarlierBuilds(Dialect dialect) {
        List<SchemaScripts.IndexUpgrade> upgrades = SchemaScripts.queueIndexUpgrades(dialect, "app.my_queue");

        if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
            assertThat(upgrades)
                    .extracting(SchemaScripts.IndexUpgrade::retiredIndex)
                    .containsExactly("my_queue_owner_ix", "my_queue_claim_ix");
            assertThat(upgrades)
                    .allSatisfy(upgrade -> assertThat(SchemaScripts.statements(upgrade.script()))
                            .singleElement(as(STRING))
                            .startsWith("ALTER TABLE app.my_queue")
                            .contains("DROP INDEX " + upgrade.retiredIndex())
                            .doesNotContain("${"));
        } else if (dialect == Dialect.POSTGRESQL) {
            assertThat(upgrades).singleElement().satisfies(upgrade -> {
                assertThat(upgrade.retiredIndex()).isEqualTo("my_queue_evh_uk");
                assertThat(SchemaScripts.statements(upgrade.script()))
                        .containsExactly(
                                "INSERT INTO app.my_queue_by_event (event_id, handler_name, entry_id)\n"
                                        + "    SELECT event_id, handler_name, id FROM app.my_queue\n"
                                        + "    ON CONFLICT DO NOTHING",
                                "ALTER TABLE app.my_queue DROP CONSTRAINT IF EXISTS my_queue_evh_uk");
            });
        } else {
            assertThat(upgrades).isEmpty();
        }
    }

    @Test
    void statementsKeepPostgreSqlBodiesAndQuotedTextWhole() {
        String script = """
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM t WHERE note = 'a;b'; -- a comment; with a semicolon
                    RETURN NULL;
                END $$;
                INSERT INTO t (note) VALUES ('c;d');
                SELECT 1""";

        assertThat(SchemaScripts.statements(script))
                .containsExactly(
                        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                                + "    DELETE FROM t WHERE note = 'a;b'; \n    RETURN NULL;\nEND $$",
                        "INSERT INTO t (note) VALUES ('c;d')",
                        "SELECT 1");
    }

    @Test
    void postgresClaimIndexIsPartialOnPendingEntries() {
        assertThat(SchemaScripts.queueTable(Dialect.POSTGRESQL, "event_queue"))
                .contains("CREATE INDEX IF NOT EXISTS event_queue_claim_ix ON event_queue "
                        + "(is_background, priority, created_at, seq)\n    WHERE status = 'pending'");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void createSchemaIfMissingIsIdempotentAndTheTableWorks(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("schema");
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            repository.createSchemaIfMissing();
            JdbcAuditLog audit = JdbcAuditLog.builder(dataSource)
                    .tableName(table + "_audit")
                    .createSchema(true)
                    .build();
            audit.createSchemaIfMissing();

            repository.ping();
            assertThat(roundTrip(repository)).isTrue();
        } finally {
            TestDatabases.drop(dataSource, table);
            TestDatabases.drop(dataSource, table + "_audit");
        }
    }

    /** The next due time is one probe of the due index, not a scan of every pending row. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theNextDueQueryReadsTheDueIndex(TestDatabases.Kind kind) throws Exception {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("due");
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            repository.createSchemaIfMissing();
            Dialect dialect = repository.dialect();
            String now = kind == TestDatabases.Kind.MARIADB ? "UTC_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
            String inAnHour = kind == TestDatabases.Kind.MARIADB
                    ? "UTC_TIMESTAMP(6) + INTERVAL 1 HOUR"
                    : "CURRENT_TIMESTAMP + INTERVAL '1' HOUR";
            for (int i = 0; i < 200; i++) {
                TestDatabases.execute(
                        dataSource,
                        "INSERT INTO " + table + " (id, event_id, event_type, event_data, handler_name, "
                                + "next_retry_at, created_at, updated_at) VALUES ('" + UUID.randomUUID() + "', '"
                                + UUID.randomUUID() + "', 'T', '{}', 'h" + (i % 4) + "', " + inAnHour + ", " + now
                                + ", " + now + ")");
            }
            String nextDue = new QueueStatements(SqlDialect.of(dialect), table, true)
                    .nextDue(2)
                    .replaceFirst("is_background = \\?", "is_background = FALSE")
                    .replaceFirst("IN \\(\\?, \\?\\)", "IN ('h1', 'h2')")
                    .replaceFirst("next_retry_at > \\?", "next_retry_at > " + now);
            String analyze = switch (kind) {
                case POSTGRESQL -> "ANALYZE " + table;
                case MARIADB -> "ANALYZE TABLE " + table;
                default -> null;
            };
            if (analyze != null) {
                TestDatabases.execute(dataSource, analyze);
            }

            assertThat(plan(dataSource, "EXPLAIN " + nextDue)).containsIgnoringCase(table + "_due_ix");
            assertThat(repository.nextDueAt(
                            Set.of("h1", "h2"),
                            Loop.FOREGROUND,
                            repository.clock().instant()))
                    .isAfter(repository.clock().instant().plusSeconds(3500));
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    private static String plan(DataSource dataSource, String explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(explain);
                ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    plan.append(rows.getString(i)).append(' ');
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    /** A table created by the first schema version is upgraded in place, keeping its rows. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTableOfSchemaVersionOneIsUpgradedAndItsEntriesStillRun(TestDatabases.Kind kind) throws Exception {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("upgrade");
        Dialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = Dialect.detect(connection);
        }
        String v1 = SchemaScripts.load("dev/eventqueue/jdbc/schema/v1/" + dialect.id() + ".sql")
                .replace("${table}", table)
                .replace("${name}", table);
        try {
            for (String statement : SchemaScripts.statements(v1)) {
                TestDatabases.execute(dataSource, statement);
            }
            UUID oldEntry = UUID.randomUUID();
            UUID oldEvent = UUID.randomUUID();
            String now = kind == TestDatabases.Kind.MARIADB ? "UTC_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
            TestDatabases.execute(
                    dataSource,
                    "INSERT INTO " + table + " (id, event_id, event_type, event_data, "
                            + "handler_name, created_at, updated_at) VALUES ('" + oldEntry + "', '" + oldEvent
                            + "', 'T', "
                            + "'{\"eventId\": \"" + oldEvent + "\", \"occurredAt\": \"2024-05-14T12:00:00Z\", "
                            + "\"eventType\": \"T\", \"number\": 1}', 'h', " + now + ", " + now + ")");

            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            repository.createSchemaIfMissing();

            EventTypeRegistry types = new EventTypeRegistry();
            types.register("T", TestEvent.class);
            repository.attach(new RepositoryContext(types, 1_048_576));
            Instant now2 = repository.clock().instant();
            var claimed = repository.claim(
                    new ClaimRequest(now2, 10, Loop.FOREGROUND, Set.of("h"), "me", now2.plusSeconds(30)));
            assertThat(claimed).singleElement().satisfies(entry -> {
                assertThat(entry.id()).isEqualTo(oldEntry);
                assertThat(entry.claimToken()).isEqualTo(1);
                assertThat(entry.event().getEventId()).isEqualTo(oldEvent);
            });
            assertThat(repository.complete(List.of(claimed.get(0).ref()), now2)).isEqualTo(1);
            assertThat(roundTrip(repository)).isTrue();
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"H2", "POSTGRESQL"})
    void schemaQualifiedTablesWork(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String schema = TestDatabases.uniqueTable("s");
        TestDatabases.execute(dataSource, "CREATE SCHEMA " + schema);
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(schema + ".event_queue")
                    .createSchema(true)
                    .build();
            assertThat(roundTrip(repository)).isTrue();
        } finally {
            TestDatabases.execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** MariaDB DATETIME has no zone: the store must write UTC, not the JVM's (São Paulo in tests) local time. */
    @Test
    void mariaDbStoresUtcWallClockTime() throws Exception {
        DataSource dataSource = TestDatabases.mariadb();
        String table = TestDatabases.uniqueTable("utc");
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            Instant created = Instant.parse("2024-07-01T10:15:30.123456Z");
            repository.enqueue(List.of(
                    new NewQueueEntry(UUID.randomUUID(), TestEvent.of("T", 1), "h", 100, false, 1, null, created)));
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT created_at FROM " + table);
                    ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1, LocalDateTime.class))
                        .isEqualTo(LocalDateTime.ofInstant(created, ZoneOffset.UTC));
            }
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    private static boolean roundTrip(JdbcEventQueueRepository repository) {
        EventTypeRegistry types = new EventTypeRegistry();
        types.register("T", TestEvent.class);
        repository.attach(new RepositoryContext(types, 1_048_576));
        TestEvent event = TestEvent.of("T", 7);
        Instant now = Instant.parse("2024-05-14T12:00:00Z");
        repository.enqueue(List.of(new NewQueueEntry(UUID.randomUUID(), event, "h", 100, false, 1, null, now)));
        var claimed =
                repository.claim(new ClaimRequest(now, 10, Loop.FOREGROUND, Set.of("h"), "me", now.plusSeconds(30)));
        return claimed.size() == 1
                && claimed.get(0).event().equals(event)
                && repository.complete(List.of(claimed.get(0).ref()), now) == 1;
    }
}
