package dev.eventqueue.bench.store;

import dev.eventqueue.testdatabases.NatsTestServers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The NATS servers the benchmark runs the JetStream store on: one server, or a cluster of three
 * with buckets kept on all three. Started from the {@code nats-server} binary on free loopback
 * ports the first time a case needs them, never the machine's shared server; killed and their
 * store directories deleted when the benchmark ends.
 */
public enum NatsServers {
    SINGLE("NATS 1 server", 1, 1),
    CLUSTER("NATS 3 servers R3", 3, 3);

    private final String label;
    private final int size;
    private final int replicas;
    private NatsTestServers servers;

    NatsServers(String label, int size, int replicas) {
        this.label = label;
        this.size = size;
        this.replicas = replicas;
    }

    public String label() {
        return label;
    }

    public int replicas() {
        return replicas;
    }

    /** The servers' URLs, starting them on first use. */
    public synchronized String url() {
        if (servers == null) {
            Path binary = binary().orElseThrow(() -> new IllegalStateException("nats-server not found"));
            servers = NatsTestServers.start(binary, size);
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "bench-stop-nats-" + name()));
        }
        return servers.url();
    }

    /** Stops the servers if they were started. */
    public static void stopAll() {
        for (NatsServers kind : values()) {
            synchronized (kind) {
                if (kind.servers != null) {
                    kind.servers.close();
                    kind.servers = null;
                }
            }
        }
    }

    public static Optional<Path> binary() {
        return NatsTestServers.findBinary();
    }

    /** "nats-server: v2.9.10", or null when the binary is missing or does not answer. */
    public static String probeVersion() {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(binary.get().toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return new String(process.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
