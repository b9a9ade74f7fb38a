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
 * The demo and the CLI on MariaDB, in tables of this class's own, dropped afterwards. The server:
 * see TestServers.
 */
class MariaDbCliEndToEndTest extends CliEndToEndContract {

    private final TestServer server = TestServers.mariadb();
    private final String url = server.url();
    private final String user = server.user();

    private final String queueTable =
            "eq_example_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

    @Override
    void connect(Cli runner) {
        // Options this time, not variables (the PostgreSQL and H2 tests cover those).
    }

    @Override
    List<String> connectionOptions() {
        return List.of("--database-url", url, "--user", user);
    }

    @Override
    String queueTableName() {
        return queueTable;
    }

    @Override
    List<String> tableOptions() {
        return List.of("--table", queueTable, "--audit-table", queueTable + "_audit");
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    @Override
    boolean passesSecretPassword() {
        return false;
    }

    @Override
    String[] db(String... args) {
        String[] withTables = super.db(args);
        if (args.length > 0 && args[0].equals("demo")) {
            String[] demo = java.util.Arrays.copyOf(withTables, withTables.length + 2);
            demo[withTables.length] = "--attempts-table";
            demo[withTables.length + 1] = queueTable + "_attempts";
            return demo;
        }
        return withTables;
    }

    @AfterAll
    void dropTheTablesThisClassCreated() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            for (String table : List.of(queueTable + "_audit", queueTable + "_attempts")) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String sql : SchemaScripts.statements(SchemaScripts.queueTableDrop(Dialect.MARIADB, queueTable))) {
                statement.execute(sql);
            }
        }
    }
}
