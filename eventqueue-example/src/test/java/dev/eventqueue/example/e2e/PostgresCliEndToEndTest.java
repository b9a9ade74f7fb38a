package dev.eventqueue.example.e2e;

import dev.eventqueue.jdbc.SchemaScripts;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The demo and the CLI on PostgreSQL, in tables of this class's own (other builds share the
 * database), dropped afterwards. The server: see TestServers.
 */
class PostgresCliEndToEndTest extends CliEndToEndContract {

    private final TestServer server = TestServers.postgres();
    private final String url = server.url();
    private final String user = server.user();

    private final String queueTable =
            "eq_example_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String auditTable = queueTable + "_audit";
    private final String attemptsTable = queueTable + "_attempts";

    @Override
    void connect(Cli runner) {
        // The local server trusts its users; the password is passed only to prove it is never printed.
        runner.env("EVENT_QUEUE_DATABASE_URL", url)
                .env("EVENT_QUEUE_DATABASE_USER", user)
                .env("EVENT_QUEUE_DATABASE_PASSWORD", SECRET)
                .env("EVENT_QUEUE_TABLE_NAME", queueTable);
    }

    @Override
    String queueTableName() {
        return queueTable;
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection(url, user, SECRET);
    }

    @Override
    List<String> tableOptions() {
        return List.of("--audit-table", auditTable);
    }

    @Override
    String[] db(String... args) {
        String[] withTables = super.db(args);
        if (args.length > 0 && args[0].equals("demo")) {
            String[] demo = java.util.Arrays.copyOf(withTables, withTables.length + 2);
            demo[withTables.length] = "--attempts-table";
            demo[withTables.length + 1] = attemptsTable;
            return demo;
        }
        return withTables;
    }

    @AfterAll
    void dropTheTablesThisClassCreated() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, SECRET);
                Statement statement = connection.createStatement()) {
            for (String table : List.of(auditTable, attemptsTable)) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String sql : SchemaScripts.statements(SchemaScripts.queueTableDrop(Dialect.POSTGRESQL, queueTable))) {
                statement.execute(sql);
            }
        }
    }
}
