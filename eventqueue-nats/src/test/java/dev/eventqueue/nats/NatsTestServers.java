package dev.eventqueue.nats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS servers a test starts itself from the {@code nats-server} binary: one server, or a cluster
 * whose servers route to each other, all on free loopback ports with their own store directories
 * (never the machine's shared server). {@link #close()} kills them and deletes their directories;
 * a JVM shutdown hook does the same if a test run ends without closing them.
 *
 * <p>Without the binary the tests are skipped with a warning, unless {@code CI=true}: there a
 * missing binary fails them.
 */
public final class NatsTestServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsTestServers.class);
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> configs = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();
    private final Thread cleanup = new Thread(this::killAndDelete, "nats-test-servers-cleanup");

    private NatsTestServers(Path dir) {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    public static NatsTestServers single() {
        return start(1);
    }

    static NatsTestServers cluster() {
        return start(3);
    }

    private static NatsTestServers start(int size) {
        Path binary = binary();
        NatsTestServers servers;
        try {
            servers = new NatsTestServers(Files.createTempDirectory("eventqueue-nats-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Integer> routePorts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                servers.clientPorts.add(freePort());
                routePorts.add(freePort());
            }
            for (int i = 0; i < size; i++) {
                servers.configs.add(servers.writeConfig(i, size, routePorts));
                servers.processes.add(servers.launch(binary, i));
            }
            servers.awaitJetStream();
            return servers;
        } catch (RuntimeException | Error e) {
            servers.close();
            throw e;
        }
    }

    /** The binary, or a skipped test (a failed one on CI) when it is missing. */
    private static Path binary() {
        String configured = System.getenv("NATS_SERVER");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry, "nats-server"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "nats-server not found (PATH, /usr/sbin or $NATS_SERVER): the JetStream store's tests "
                + "cannot run; install it (Debian: apt-get install -y nats-server)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        log.warn("SKIPPED: {}", message);
        System.err.println("WARNING: SKIPPED: " + message);
        assumeTrue(false, message);
        throw new IllegalStateException("unreachable");
    }

    private Path writeConfig(int index, int size, List<Integer> routePorts) {
        StringBuilder config = new StringBuilder();
        config.append("server_name: n").append(index).append('\n');
        config.append("listen: 127.0.0.1:").append(clientPorts.get(index)).append('\n');
        config.append("jetstream { store_dir: \"")
                .append(dir.resolve("store-" + index))
                .append("\" }\n");
        if (size > 1) {
            String routes = routePorts.stream()
                    .map(port -> "nats-route://127.0.0.1:" + port)
                    .collect(Collectors.joining(", "));
            config.append("cluster { name: eventqueue-test, listen: 127.0.0.1:")
                    .append(routePorts.get(index))
                    .append(", routes: [")
                    .append(routes)
                    .append("] }\n");
        }
        try {
            return Files.writeString(dir.resolve("server-" + index + ".conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process launch(Path binary, int index) {
        try {
            return new ProcessBuilder(
                            binary.toString(), "-c", configs.get(index).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("server-" + index + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + binary, e);
        }
    }

    /** Waits until JetStream answers on every server (a cluster has elected its meta leader). */
    private void awaitJetStream() {
        for (int i = 0; i < processes.size(); i++) {
            awaitJetStream(i);
        }
    }

    void awaitJetStream(int index) {
        long deadline = System.nanoTime() + READY.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!processes.get(index).isAlive()) {
                throw new IllegalStateException("nats-server " + index + " exited: " + logOf(index));
            }
            try (Connection connection = Nats.connect(new Options.Builder()
                    .server(urlOf(index))
                    .connectionTimeout(Duration.ofSeconds(2))
                    .errorListener(new ErrorListener() {}) // refused probes while it starts are expected
                    .build())) {
                JetStreamManagement management = connection.jetStreamManagement();
                management.getAccountStatistics();
                return;
            } catch (Exception e) {
                last = e;
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            pause();
        }
        throw new IllegalStateException(
                "JetStream on nats-server " + index + " not ready within " + READY + ": " + last + "; " + logOf(index));
    }

    /** Retrying a probe after a short pause while a server starts: not a synchronization. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logOf(int index) {
        try {
            Path file = dir.resolve("server-" + index + ".log");
            return Files.exists(file) ? Files.readString(file) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String urlOf(int index) {
        return "nats://127.0.0.1:" + clientPorts.get(index);
    }

    /** Every server's URL, comma-separated: a client connects to any and fails over to the others. */
    public String url() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < clientPorts.size(); i++) {
            urls.add(urlOf(i));
        }
        return String.join(",", urls);
    }

    int size() {
        return processes.size();
    }

    /** SIGKILLs one server: no shutdown, no flush. */
    void kill(int index) {
        Process process = processes.get(index);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed server again on its ports and store. */
    void restart(int index) {
        processes.set(index, launch(binary(), index));
        awaitJetStream(index);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void killAndDelete() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", dir, e.toString());
            }
        }
    }

    @Override
    public void close() {
        killAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
