package dev.eventqueue.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testdatabases.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Runs the README's two programs as printed: in memory, and on PostgreSQL in a schema of their own. */
class QuickStartTest {

    @Test
    void theInMemoryProgramProcessesBothEventsBeforeMainReturns() throws Exception {
        String output = capturingStandardOutput(() -> QuickStart.main(new String[0]));

        assertThat(output)
                .contains("Scoring attempt-1 of candidate-7", "Scoring attempt-2 of candidate-7")
                .contains("completed=2, failed=0");
    }

    @Test
    void thePostgresProgramCommitsTheRowAndItsEntryAndRunsTheHandler() throws Exception {
        String schema = TestDatabases.uniqueTable("quickstart");
        TestDatabases.execute(TestDatabases.postgres(), "CREATE SCHEMA " + schema);
        TestServer server = TestDatabases.Kind.POSTGRESQL.server();
        try (HikariDataSource dataSource = TestDatabases.pool(
                "quickstart",
                server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                server,
                5)) {
            String output = capturingStandardOutput(() -> PostgresQuickStart.run(dataSource));

            assertThat(output).containsPattern("Mailing score 87 of [0-9a-f-]{36}");
            assertThat(count(dataSource, "SELECT COUNT(*) FROM attempts")).isEqualTo(1);
            assertThat(count(dataSource, "SELECT COUNT(*) FROM event_queue WHERE status = 'completed'"))
                    .isEqualTo(1);
        } finally {
            TestDatabases.execute(TestDatabases.postgres(), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private interface Program {
        void run() throws Exception;
    }

    /** The programs print their progress, as a user would see it; the test reads what they printed. */
    private static synchronized String capturingStandardOutput(Program program) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }

    private static long count(HikariDataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
