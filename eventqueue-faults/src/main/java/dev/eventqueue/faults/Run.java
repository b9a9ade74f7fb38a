package dev.eventqueue.faults;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One scenario's world: a fresh queue table and deliveries table, a publisher, and the worker
 * processes. Counts come from the two tables only, after the queue has drained.
 */
final class Run implements AutoCloseable {

    private static final Credentials PUBLISHER = new Credentials("faults", "publisher");
    private static final int PUBLISH_CHUNK = 500;

    private final Database database;
    private final String table;
    private final String deliveries;
    private final HikariDataSource admin;
    private final JdbcEventQueueRepository publisherStore;
    private final EventDispatcher publisher;
    private final WorkerProcess.Setup setup;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<FaultEvent> published = new ArrayList<>();
    /** Whether a completed entry stays in the table; otherwise its completion deleted it. */
    private final boolean keepCompleted;

    private long firstPublishNanos;
    private long drainedNanos;

    Run(Database database, String scenario, Settings settings, Path logDirectory) throws SQLException {
        this.database = database;
        this.table = "faults_" + scenario + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
                        .substring(0, 6);
        this.deliveries = table + "_deliveries";
        this.keepCompleted = settings.keepCompleted();
        this.admin = database.pool(table + "-admin", 3, Duration.ofSeconds(30));
        boolean ok = false;
        try {
            this.publisherStore = JdbcEventQueueRepository.builder(admin)
                    .tableName(table)
                    .createSchema(true)
                    .notifications(false)
                    .build();
            execute("CREATE TABLE " + deliveries
                    + " (run_id VARCHAR(36) NOT NULL, event_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, "
                    + "worker VARCHAR(32) NOT NULL, attempt INT NOT NULL, outcome VARCHAR(8) NOT NULL, "
                    + "recorded_at " + database.timestampType() + " DEFAULT " + database.nowExpression()
                    + " NOT NULL)");
            this.publisher = EventDispatcher.builder()
                    .repository(publisherStore)
                    .eventType(FaultEvent.TYPE, FaultEvent.class)
                    .handlers(FaultHandler.all(null, 0))
                    .build();
            ok = true;
        } finally {
            if (!ok) {
                dropTables();
                admin.close();
            }
        }
        this.setup = new WorkerProcess.Setup(
                database,
                table,
                settings.leaseMillis(),
                settings.workMillis(),
                settings.handlerTimeoutMillis(),
                settings.agingMillis(),
                settings.poolSize(),
                settings.keepCompleted(),
                logDirectory);
    }

    String table() {
        return table;
    }

    Database database() {
        return database;
    }

    /** Starts {@code count} workers; {@code clockOffsets[i]} skews worker i's clock by that many seconds. */
    void startWorkers(int count, long[] clockOffsets) throws Exception {
        for (int i = 0; i < count; i++) {
            long offset = clockOffsets != null && i < clockOffsets.length ? clockOffsets[i] : 0;
            WorkerProcess worker = new WorkerProcess(setup, "w" + (i + 1), offset);
            workers.add(worker);
            worker.launch();
        }
        for (WorkerProcess worker : workers) {
            worker.awaitReady();
        }
    }

    void startWorkers(int count) throws Exception {
        startWorkers(count, null);
    }

    List<WorkerProcess> workers() {
        return workers;
    }

    /** Replaces a dead worker by a new process of the same name. */
    WorkerProcess restart(WorkerProcess dead) throws Exception {
        WorkerProcess fresh = new WorkerProcess(setup, dead.name(), 0);
        workers.set(workers.indexOf(dead), fresh);
        fresh.start();
        return fresh;
    }

    /** Publishes {@code count} events of {@code kind} (in chunks, each one transaction). */
    List<FaultEvent> publish(int count, String kind) {
        List<FaultEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(FaultEvent.of(published.size() + i, kind));
        }
        publish(events);
        return events;
    }

    void publish(List<FaultEvent> events) {
        if (firstPublishNanos == 0) {
            firstPublishNanos = System.nanoTime();
        }
        for (int from = 0; from < events.size(); from += PUBLISH_CHUNK) {
            publisher.publishAll(events.subList(from, Math.min(events.size(), from + PUBLISH_CHUNK)), PUBLISHER);
        }
        synchronized (published) {
            published.addAll(events);
        }
    }

    List<FaultEvent> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    /** Waits until at least {@code count} events ran successfully (or the timeout passes). */
    void awaitSucceeded(long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (succeeded() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Waits until no entry is pending or processing; returns whether it happened within the timeout. */
    boolean awaitDrained(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unfinished() == 0) {
                drainedNanos = System.nanoTime();
                return true;
            }
            Thread.sleep(50);
        }
        drainedNanos = System.nanoTime();
        return false;
    }

    /** Events per second from the first publish until the queue drained. */
    double throughput() {
        double seconds = (drainedNanos - firstPublishNanos) / 1e9;
        return seconds > 0 ? published().size() / seconds : 0;
    }

    long succeeded() throws SQLException {
        return queryLong("SELECT COUNT(DISTINCT event_id) FROM " + deliveries + " WHERE outcome = 'ok'");
    }

    long unfinished() throws SQLException {
        return queryLong("SELECT COUNT(*) FROM " + table + " WHERE status IN ('pending', 'processing')");
    }

    /** The events whose entries a worker process holds now (its owner id names its pid). */
    Set<UUID> heldBy(WorkerProcess worker) throws SQLException {
        return eventIds("SELECT event_id FROM " + table + " WHERE status = 'processing' AND locked_by LIKE '%:"
                + worker.pid() + ":%'");
    }

    /** The events whose entries any worker holds now. */
    Set<UUID> held() throws SQLException {
        return eventIds("SELECT event_id FROM " + table + " WHERE status = 'processing'");
    }

    /** The database's time, as the deliveries table records it. */
    LocalDateTime databaseNow() throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + database.nowExpression())) {
            rows.next();
            return rows.getObject(1, LocalDateTime.class);
        }
    }

    /**
     * Seconds from {@code since} until the last of {@code events} ran successfully for the first
     * time after it, and at least until the first successful run of any event after it; null when
     * nothing ran after {@code since}.
     */
    Double recoverySeconds(LocalDateTime since, Set<UUID> events) throws SQLException {
        Map<UUID, LocalDateTime> first = new HashMap<>();
        try (Connection connection = admin.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT event_id, MIN(recorded_at) FROM "
                        + deliveries + " WHERE outcome = 'ok' AND recorded_at >= ? GROUP BY event_id")) {
            select.setObject(1, since);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    first.put(UUID.fromString(rows.getString(1)), rows.getObject(2, LocalDateTime.class));
                }
            }
        }
        LocalDateTime earliest =
                first.values().stream().min(LocalDateTime::compareTo).orElse(null);
        if (earliest == null) {
            return null;
        }
        LocalDateTime last = earliest;
        for (UUID event : events) {
            LocalDateTime at = first.get(event);
            if (at != null && at.isAfter(last)) {
                last = at;
            }
        }
        return Duration.between(since, last).toNanos() / 1e9;
    }

    /** Seconds from {@code since} until every one of {@code events} had run successfully once; null if one never did. */
    Double secondsUntilAllRan(LocalDateTime since, List<FaultEvent> events) throws SQLException {
        Set<String> wanted = new HashSet<>();
        events.forEach(e -> wanted.add(e.eventId().toString()));
        LocalDateTime last = since;
        int found = 0;
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_id, MIN(recorded_at) FROM " + deliveries
                        + " WHERE outcome = 'ok' GROUP BY event_id")) {
            while (rows.next()) {
                if (wanted.contains(rows.getString(1))) {
                    found++;
                    LocalDateTime at = rows.getObject(2, LocalDateTime.class);
                    if (at.isAfter(last)) {
                        last = at;
                    }
                }
            }
        }
        return found == wanted.size() ? Duration.between(since, last).toNanos() / 1e9 : null;
    }

    /** Dead row versions of the queue table (PostgreSQL's statistics; null elsewhere). */
    Long deadTuples() throws SQLException {
        if (!database.postgres()) {
            return null;
        }
        try (Connection connection = admin.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = ?")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    /** Per event: how its entry ended and what the handlers recorded. */
    Tally tally() throws SQLException {
        Map<UUID, String> status = new HashMap<>();
        Map<UUID, String> detail = new HashMap<>();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_id, status, attempts, error FROM " + table)) {
            while (rows.next()) {
                UUID id = UUID.fromString(rows.getString(1).trim());
                status.put(id, rows.getString(2));
                String error = rows.getString(4);
                detail.put(
                        id,
                        rows.getString(2) + " after " + rows.getInt(3) + " attempts"
                                + (error == null ? "" : ", last error: " + firstLine(error)));
            }
        }
        Map<UUID, Integer> ok = new HashMap<>();
        Map<UUID, Integer> gaveUp = new HashMap<>();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_id, outcome, COUNT(*) FROM " + deliveries
                        + " WHERE outcome IN ('ok', 'gave_up') GROUP BY event_id, outcome")) {
            while (rows.next()) {
                UUID id = UUID.fromString(rows.getString(1));
                (Recorder.OK.equals(rows.getString(2)) ? ok : gaveUp).put(id, rows.getInt(3));
            }
        }
        long acknowledged = 0;
        long duplicated = 0;
        List<String> unended = new ArrayList<>();
        for (FaultEvent event : published()) {
            UUID id = event.eventId();
            int successes = ok.getOrDefault(id, 0);
            int failures = gaveUp.getOrDefault(id, 0);
            boolean ended = event.meantToFail()
                    ? "failed".equals(status.get(id)) && failures >= 1
                    : completed(status.get(id)) && successes >= 1;
            if (ended) {
                acknowledged++;
            } else if (unended.size() < 3) {
                unended.add(id + " " + detail.getOrDefault(id, "has no entry") + ", " + successes + " successful runs");
            }
            if ((event.meantToFail() ? failures : successes) > 1) {
                duplicated++;
            }
        }
        long published = published().size();
        return new Tally(published, acknowledged, published - acknowledged, duplicated, unended);
    }

    /** Whether an entry with this status (null: no entry) has completed. */
    private boolean completed(String status) {
        return keepCompleted ? "completed".equals(status) : status == null;
    }

    /** {@code unended}: up to three events that did not reach their end, each with how its entry stands. */
    record Tally(long published, long acknowledged, long lost, long duplicated, List<String> unended) {}

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private Set<UUID> eventIds(String sql) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(UUID.fromString(rows.getString(1).trim()));
            }
        }
        return ids;
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            workers.forEach(WorkerProcess::requestStop);
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        } finally {
            try {
                publisherStore.close();
                dropTables();
            } finally {
                admin.close();
            }
        }
    }

    private void dropTables() {
        try {
            execute("DROP TABLE IF EXISTS " + deliveries);
        } catch (SQLException e) {
            System.err.println("Could not drop " + deliveries + ": " + e.getMessage());
        }
        try (JdbcEventQueueRepository queue =
                JdbcEventQueueRepository.builder(admin).tableName(table).build()) {
            queue.dropSchema();
        } catch (RuntimeException e) {
            System.err.println("Could not drop " + table + ": " + e.getMessage());
        }
    }
}
