package dev.eventqueue.testdatabases;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * The PostgreSQL and MariaDB servers every module's tests run on, one place to point them all
 * elsewhere.
 *
 * <p>For each product, in this order:
 *
 * <ol>
 *   <li>a server named by {@code EVENT_QUEUE_TEST_POSTGRES_URL} / {@code EVENT_QUEUE_TEST_MARIADB_URL}
 *       (or the system properties {@code eventqueue.test.postgres.url} / {@code
 *       eventqueue.test.mariadb.url}; {@code _USER}/{@code .user} and {@code _PASSWORD}/{@code
 *       .password} beside them), used as it is;
 *   <li>the local server at 127.0.0.1 (5432 / 3306, database {@code test}) if it answers;
 *   <li>with {@code CI=true}: none, the tests fail, so that a build server never passes on less
 *       than the real servers;
 *   <li>otherwise an embedded server started from its Maven artifact for this test JVM;
 *   <li>if that cannot start either, the tests that need the server are skipped (aborted) with a
 *       message on standard error naming the suites and the reason.
 * </ol>
 */
public final class TestServers {

    private static final Resolution POSTGRES = new Resolution(
            "PostgreSQL", "postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", EmbeddedPostgres::start);
    private static final Resolution MARIADB =
            new Resolution("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root", EmbeddedMariaDb::start);

    private TestServers() {}

    /**
     * The PostgreSQL server for this run.
     *
     * @throws TestAbortedException when there is none and none could be started (the test is skipped)
     * @throws IllegalStateException with {@code CI=true} when the configured server does not answer
     */
    public static TestServer postgres() {
        return POSTGRES.server();
    }

    /** The MariaDB server for this run; see {@link #postgres()}. */
    public static TestServer mariadb() {
        return MARIADB.server();
    }

    static boolean answers(String url) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static String setting(String product, String key) {
        String property = System.getProperty("eventqueue.test." + product + "." + key);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String variable = System.getenv(
                "EVENT_QUEUE_TEST_" + product.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT));
        return variable == null || variable.isBlank() ? null : variable.trim();
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Decides once per JVM where one product's server is, and remembers why there is none. */
    private static final class Resolution {
        private final String product;
        private final String key;
        private final String localUrl;
        private final String localUser;
        private final Supplier<TestServer> embedded;
        private TestServer server;
        private String unavailable;

        Resolution(String product, String key, String localUrl, String localUser, Supplier<TestServer> embedded) {
            this.product = product;
            this.key = key;
            this.localUrl = localUrl;
            this.localUser = localUser;
            this.embedded = embedded;
        }

        synchronized TestServer server() {
            if (server == null && unavailable == null) {
                resolve();
            }
            if (server == null) {
                throw new TestAbortedException(unavailable);
            }
            return server;
        }

        private void resolve() {
            String configured = setting(key, "url");
            if (configured != null) {
                String user = setting(key, "user");
                String password = setting(key, "password");
                server = new TestServer(
                        product,
                        configured,
                        user == null ? localUser : user,
                        password == null ? "" : password,
                        "configured");
                return;
            }
            if (answers(localUrl)) {
                server = new TestServer(product, localUrl, localUser, "", "local");
                return;
            }
            String variable = "EVENT_QUEUE_TEST_" + key.toUpperCase(Locale.ROOT) + "_URL";
            if (onCi()) {
                throw new IllegalStateException("No " + product + " answers at " + localUrl + " and CI=true, where "
                        + "the tests must run on a real server: start it, or set " + variable + ".");
            }
            try {
                server = embedded.get();
                System.err.println("[test-databases] No " + product + " answers at " + localUrl
                        + "; the tests use an embedded " + product + " at " + server.url());
            } catch (RuntimeException | LinkageError e) {
                unavailable = "SKIPPED: the " + product + " tests. No " + product + " answers at " + localUrl
                        + " and the embedded " + product + " could not start (" + reason(e) + "). Start a "
                        + product + " server there or set " + variable + " to run them.";
                System.err.println();
                System.err.println("[test-databases] ************************************************************");
                System.err.println("[test-databases] " + unavailable);
                System.err.println("[test-databases] ************************************************************");
                System.err.println();
            }
        }

        private static String reason(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = e.getMessage();
            if (root != e && root.getMessage() != null) {
                message = message + ": " + root.getMessage();
            }
            return message == null
                    ? e.getClass().getName()
                    : message.replace('\n', ' ').trim();
        }
    }
}
