package dev.eventqueue.faults;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One worker process: a dispatcher with the recording handlers on the shared queue table. Prints
 * {@code ready} once started; reads commands from standard input ({@code hog <millis>} holds every
 * connection of its pool for that long); stops when standard input closes.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String worker = options.get("worker");
        boolean postgres = Boolean.parseBoolean(options.get("postgres"));
        Database database = new Database(worker, postgres, options.get("url"), options.get("user"));
        int poolSize = Integer.parseInt(options.get("pool"));
        // A cold JVM on a busy machine may need long for its first connections; once it runs, waits are short.
        HikariDataSource pool = database.pool(options.get("table") + "-" + worker, poolSize, Duration.ofSeconds(3));
        awaitFirstConnection(pool, Duration.ofSeconds(120));
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(pool)
                .tableName(options.get("table"))
                .keepCompletedEntries(Boolean.parseBoolean(options.get("keep-completed")))
                .build();
        EventQueueConfig config = EventQueueConfig.builder()
                .leaseDuration(Duration.ofMillis(Long.parseLong(options.get("lease-ms"))))
                .heartbeatInterval(Duration.ofMillis(Long.parseLong(options.get("lease-ms")) / 5))
                .processingInterval(Duration.ofMillis(200))
                .batchSize(20)
                .maxConcurrent(8)
                .handlerTimeout(Duration.ofMillis(Long.parseLong(options.get("handler-timeout-ms"))))
                .priorityAging(Duration.ofMillis(Long.parseLong(options.get("aging-ms"))))
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        Recorder recorder = new Recorder(pool, options.get("table") + "_deliveries", worker);
        // A skewed clock given the way an application would give one; a database store keeps time by
        // the database, so this must change nothing.
        Clock clock =
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(Long.parseLong(options.get("clock-offset-s"))));
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .eventType(FaultEvent.TYPE, FaultEvent.class)
                .clock(clock)
                .handlers(FaultHandler.all(recorder, Long.parseLong(options.get("work-ms"))))
                .build();
        dispatcher.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        PoolHog hog = new PoolHog(pool, poolSize);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("hog ")) {
                    hog.holdAll(
                            Duration.ofMillis(Long.parseLong(line.substring(4).trim())));
                }
            }
        } finally {
            dispatcher.close();
            repository.close();
            pool.close();
        }
    }

    private static void awaitFirstConnection(HikariDataSource pool, Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                pool.getConnection().close();
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Worker option '" + arg + "' is not of the form name=value");
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
