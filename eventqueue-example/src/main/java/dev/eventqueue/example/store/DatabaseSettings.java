package dev.eventqueue.example.store;

import dev.eventqueue.monitoring.SecretMasking;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the queue lives: a JDBC URL, credentials and the table names. The password is never
 * part of {@link #toString()} or {@link #maskedUrl()}.
 *
 * @param user     may be {@code null} (for example H2's default user)
 * @param password may be {@code null}
 */
public record DatabaseSettings(
        String url, String user, String password, String queueTable, String auditTable, String attemptsTable) {

    /** The demo's embedded database: an H2 file under the working folder, shared with the CLI. */
    public static final String DEFAULT_URL = "jdbc:h2:./data/eventqueue-demo;AUTO_SERVER=TRUE";

    public static final String DEFAULT_QUEUE_TABLE = "event_queue";
    public static final String DEFAULT_AUDIT_TABLE = "event_audit_log";
    public static final String DEFAULT_ATTEMPTS_TABLE = "attempts";

    public static final String URL_VARIABLE = "EVENT_QUEUE_DATABASE_URL";
    public static final String USER_VARIABLE = "EVENT_QUEUE_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "EVENT_QUEUE_DATABASE_PASSWORD";
    public static final String AUDIT_TABLE_VARIABLE = "EVENT_QUEUE_AUDIT_TABLE_NAME";

    /** The databases the library supports. */
    public static final java.util.List<String> SUPPORTED_PREFIXES =
            java.util.List.of("jdbc:h2:", "jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:");

    private static final String IF_EXISTS = ";IFEXISTS=TRUE";
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "database URL must be a JDBC URL starting with 'jdbc:', but was '" + mask(url) + "'");
        }
        if (SUPPORTED_PREFIXES.stream().noneMatch(url::startsWith)) {
            throw new IllegalArgumentException("unsupported database URL '" + mask(url) + "': expected one starting "
                    + "with " + String.join(", ", SUPPORTED_PREFIXES));
        }
        requireIdentifier("queue table", queueTable);
        requireIdentifier("audit table", auditTable);
        requireIdentifier("attempts table", attemptsTable);
        user = blankToNull(user);
        password = blankToNull(password);
    }

    /** The URL with any password replaced by {@code ***}, safe to print (without the suffix {@link #existingOnly} adds). */
    public String maskedUrl() {
        return mask(url.endsWith(IF_EXISTS) ? url.substring(0, url.length() - IF_EXISTS.length()) : url);
    }

    public boolean isDefaultUrl() {
        return DEFAULT_URL.equals(url);
    }

    /** Whether this is an H2 database kept in a file (not {@code mem:} or a remote server). */
    public boolean isH2File() {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }

    /**
     * These settings for tools that must never create a database: an H2 file URL gets
     * {@code IFEXISTS=TRUE} (H2 would otherwise create an empty database on connect).
     */
    public DatabaseSettings existingOnly() {
        if (!isH2File() || url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS")) {
            return this;
        }
        return new DatabaseSettings(url + IF_EXISTS, user, password, queueTable, auditTable, attemptsTable);
    }

    /**
     * For an H2 file given by a relative path ({@code jdbc:h2:./data/x}): where it is, since it
     * depends on the folder the command runs in; {@code null} for any other URL.
     */
    public java.nio.file.Path h2RelativeFile() {
        if (!isH2File()) {
            return null;
        }
        String path = url.substring("jdbc:h2:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int settings = path.indexOf(';');
        if (settings >= 0) {
            path = path.substring(0, settings);
        }
        if (path.startsWith("~") || java.nio.file.Path.of(path).isAbsolute()) {
            return null;
        }
        return java.nio.file.Path.of(path + ".mv.db").toAbsolutePath().normalize();
    }

    /** A short name of the database product, from the URL. */
    public String productName() {
        String scheme = url.substring(5, Math.max(5, url.indexOf(':', 5)));
        return switch (scheme) {
            case "h2" -> "H2";
            case "postgresql" -> "PostgreSQL";
            case "mariadb" -> "MariaDB";
            case "mysql" -> "MySQL";
            default -> scheme;
        };
    }

    public static String mask(String url) {
        return SecretMasking.mask(url);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + maskedUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", queueTable=" + queueTable + ", auditTable=" + auditTable
                + ", attemptsTable=" + attemptsTable + "]";
    }

    private static void requireIdentifier(String name, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    name + " must be an SQL identifier such as 'event_queue' (letters, digits, "
                            + "underscores, optionally schema-qualified), but was '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
