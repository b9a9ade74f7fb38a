package dev.eventqueue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A worker process for {@link ExactlyOnceCrashTest}: one dispatcher whose transactional handler
 * inserts one effect row per event, then works a little more inside the transaction, so that a
 * kill often lands between the effect and the commit. It runs until it is killed.
 *
 * <p>Arguments: JDBC URL, user, queue table, effect table.
 */
public final class ExactlyOnceWorker {

    static final String HANDLER = "exactly-once-handler";
    static final String TYPE = "EffectRequested";
    static final Duration LEASE = Duration.ofSeconds(2);

    private ExactlyOnceWorker() {}

    /** Inserts the event's effect row in the transaction that completes its entry. */
    static final class EffectHandler implements TransactionalEventHandler<TestEvent> {

        private final String effectTable;
        private final long workNanos;

        EffectHandler(String effectTable, Duration work) {
            this.effectTable = effectTable;
            this.workNanos = work.toNanos();
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return TYPE.equals(event.getEventType());
        }

        @Override
        public String getName() {
            return HANDLER;
        }

        @Override
        public void handle(TestEvent event, Connection connection) throws Exception {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO " + effectTable + " (event_id) VALUES (?)")) {
                insert.setObject(1, event.getEventId());
                insert.executeUpdate();
            }
            LockSupport.parkNanos(workNanos);
        }
    }

    static EventDispatcher dispatcher(DataSource dataSource, String table, String effectTable, Duration work) {
        JdbcEventQueueRepository repository =
                JdbcEventQueueRepository.builder(dataSource).tableName(table).build();
        return EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .batchSize(10)
                        .maxConcurrent(4)
                        .processingInterval(Duration.ofMillis(50))
                        .leaseDuration(LEASE)
                        .build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .handler(new EffectHandler(effectTable, work))
                .build();
    }

    public static void main(String[] args) throws Exception {
        // A pool of its own rather than the tests' support classes: the worker's classpath holds only
        // what a dispatcher on PostgreSQL needs, so that it starts quickly.
        HikariConfig config = new HikariConfig();
        config.setPoolName("exactly-once-worker");
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(60_000); // a worker starting on a loaded machine is slow to connect
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        EventDispatcher dispatcher = dispatcher(pool, args[2], args[3], Duration.ofMillis(15));
        dispatcher.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        Thread.currentThread().join(); // until killed
    }
}
