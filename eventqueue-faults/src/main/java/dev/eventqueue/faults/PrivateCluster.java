package dev.eventqueue.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the suite's own (Debian's pg_createcluster, on a free port from 55432),
 * so that restarts and a held xmin horizon touch nothing else. Dropped on close, and by a shutdown
 * hook if the suite is interrupted.
 */
final class PrivateCluster implements AutoCloseable {

    private static final int FIRST_PORT = 55432;

    private final String version;
    private final String name;
    private final int port;
    private final Thread dropOnExit;
    private boolean dropped;

    private PrivateCluster(String version, int port) {
        this.version = version;
        this.port = port;
        this.name = "faults" + port;
        this.dropOnExit = new Thread(this::dropQuietly, "faults-drop-cluster");
    }

    /** Whether this machine can make clusters (Debian's postgresql-common, run as root). */
    static boolean possible() {
        return Files.isExecutable(Path.of("/usr/bin/pg_createcluster"))
                && "root".equals(System.getProperty("user.name"))
                && installedVersion() != null;
    }

    static PrivateCluster create() throws IOException, InterruptedException {
        PrivateCluster cluster = new PrivateCluster(installedVersion(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.dropOnExit);
        try {
            cluster.run(
                    "pg_createcluster",
                    cluster.version,
                    cluster.name,
                    "-p",
                    Integer.toString(cluster.port),
                    "--",
                    "--auth=trust");
            cluster.run("pg_ctlcluster", cluster.version, cluster.name, "start");
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    Database database() {
        return Database.postgres(
                "PostgreSQL " + version + " (own cluster)",
                // Local only: no TLS handshake, which a cold JVM on a busy machine may not finish within a pool's
                // timeout.
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable",
                "postgres");
    }

    String label() {
        return "PostgreSQL " + version + " cluster " + name + " on port " + port;
    }

    /** A fast restart: open connections are closed, the server is back when this returns. */
    void restart() throws IOException, InterruptedException {
        run("pg_ctlcluster", version, name, "restart", "-m", "fast");
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    @Override
    public synchronized void close() {
        dropQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or ran already.
        }
    }

    private synchronized void dropQuietly() {
        if (dropped) {
            return;
        }
        dropped = true;
        try {
            run("pg_dropcluster", "--stop", version, name);
        } catch (Exception e) {
            System.err.println("Could not drop PostgreSQL cluster " + version + "/" + name + ": " + e.getMessage());
        }
    }

    private static String installedVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            List<String> found = new ArrayList<>();
            versions.filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                    .forEach(p -> found.add(p.getFileName().toString()));
            return found.stream().max(PrivateCluster::compareVersions).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int compareVersions(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static int freePort() throws IOException {
        for (int port = FIRST_PORT; port < FIRST_PORT + 100; port++) {
            if (Files.exists(
                    Path.of("/etc/postgresql").resolve(installedVersion()).resolve("faults" + port))) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // Try the next one.
            }
        }
        throw new IOException("No free port between " + FIRST_PORT + " and " + (FIRST_PORT + 99));
    }
}
