package dev.eventqueue.example.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The demo and the CLI on MariaDB, in tables of this class's own, dropped afterwards. URL and
 * user: EVENT_QUEUE_TEST_MARIADB_URL / _USER, else the local server.
 */
class MariaDbCliEndToEndTest extends CliEndToEndContract {

    static final String URL =
            System.getenv().getOrDefault("EVENT_QUEUE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String USER = System.getenv().getOrDefault("EVENT_QUEUE_TEST_MARIADB_USER", "root");

    private final String queueTable =
            "eq_example_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

    @Override
    void connect(CliProcess process) {
        // Options this time, not variables (the PostgreSQL and H2 tests cover those).
    }

    @Override
    List<String> connectionOptions() {
        return List.of("--database-url", URL, "--user", USER);
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
        return DriverManager.getConnection(URL, USER, "");
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
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            for (String table :
                    List.of(queueTable, queueTable + "_nodes", queueTable + "_audit", queueTable + "_attempts")) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }
}
