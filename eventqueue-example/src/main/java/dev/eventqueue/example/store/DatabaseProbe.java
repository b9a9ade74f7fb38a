package dev.eventqueue.example.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Checks, before any work starts, that a database can be reached and that tables exist, and
 * turns the driver's failure into one line an operator can act on.
 */
public final class DatabaseProbe {

    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    // H2's codes for "database not found" with IFEXISTS=TRUE, and without remote creation allowed.
    private static final int H2_DATABASE_NOT_FOUND = 90146;
    private static final int H2_REMOTE_DATABASE_NOT_FOUND = 90149;

    private DatabaseProbe() {}

    /** Opens one connection with the settings' credentials; the caller closes it. */
    public static Connection connect(DatabaseSettings settings) {
        String url = settings.url();
        if (DatabaseSettings.SUPPORTED_PREFIXES.stream().noneMatch(url::startsWith)) {
            throw new StoreUnavailableException("unsupported database URL '" + settings.maskedUrl()
                    + "': expected one starting with " + String.join(", ", DatabaseSettings.SUPPORTED_PREFIXES));
        }
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
                throw new StoreUnavailableException(
                        "no JDBC driver accepts the URL '" + settings.maskedUrl() + "' (check its spelling)", e);
            }
            if (e.getErrorCode() == H2_DATABASE_NOT_FOUND || e.getErrorCode() == H2_REMOTE_DATABASE_NOT_FOUND) {
                java.nio.file.Path file = settings.h2RelativeFile();
                String where = file == null
                        ? ""
                        : ": its path is relative to the current folder, so it was looked for at " + file;
                throw new StoreUnavailableException(
                        "database " + settings.maskedUrl() + " does not exist" + where + " (run the demo first, from "
                                + "this folder, or check --database-url)",
                        e);
            }
            throw new StoreUnavailableException(
                    "cannot connect to " + settings.maskedUrl() + ": " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Fails with a clear message unless {@code table} exists in the database.
     *
     * @param option the option that names the table, for the message (e.g. "--table")
     */
    public static void requireTable(DatabaseSettings settings, String table, String option) {
        try (Connection connection = connect(settings)) {
            if (!tableExists(connection, table)) {
                throw new StoreUnavailableException("table '" + table + "' does not exist in " + settings.maskedUrl()
                        + " (wrong " + option + ", or the queue was never created there: run the demo against it, "
                        + "or JdbcEventQueueRepository.createSchemaIfMissing())");
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "cannot use " + settings.maskedUrl() + ": " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Whether {@code table} (a validated identifier) can be selected from; honours the session's
     * schema search path, unlike a metadata lookup.
     */
    static boolean tableExists(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isMissingTable(SQLException e) {
        // PostgreSQL says 42P01; H2, MariaDB and MySQL say 42S02.
        String state = e.getSQLState();
        return "42P01".equals(state) || "42S02".equals(state);
    }

    /** The first line of a driver message, without the trailing detail some drivers add on later lines. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String first = message.strip().lines().findFirst().orElse(message).strip();
        return DatabaseSettings.mask(first);
    }
}
