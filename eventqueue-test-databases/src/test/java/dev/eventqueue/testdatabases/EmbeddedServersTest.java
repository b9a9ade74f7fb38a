package dev.eventqueue.testdatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded servers start, whatever runs on the standard ports, and serve the test database. */
class EmbeddedServersTest {

    @Test
    void embeddedPostgresServesTheTestDatabase() throws SQLException {
        assumeFalse("root".equals(System.getProperty("user.name")), "PostgreSQL does not run as root");
        TestServer server = EmbeddedPostgres.start();
        assertThat(server.origin()).isEqualTo("embedded");
        assertThat(server.port()).isNotEqualTo(5432);
        assertThat(query(server, "select current_database()")).isEqualTo("test");
    }

    @Test
    void embeddedPostgresRefusesRootWithAClearReason() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")));
        org.assertj.core.api.Assertions.assertThatThrownBy(EmbeddedPostgres::start)
                .hasMessageContaining("does not run as root");
    }

    @Test
    void embeddedMariaDbServesTheTestDatabase() throws SQLException {
        TestServer server = EmbeddedMariaDb.start();
        assertThat(server.port()).isNotEqualTo(3306);
        assertThat(query(server, "select database()")).isEqualTo("test");
    }

    private static String query(TestServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
