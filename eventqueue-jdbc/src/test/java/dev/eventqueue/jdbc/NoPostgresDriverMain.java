package dev.eventqueue.jdbc;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;

/** Run by {@link NoPostgresDriverTest} in a JVM without the PostgreSQL driver: publishes and handles on H2. */
public final class NoPostgresDriverMain {

    private NoPostgresDriverMain() {}

    public static void main(String[] args) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nopg;DB_CLOSE_DELAY=-1");
        CountingHandler handler = new CountingHandler("h", "NoPg");
        JdbcEventQueueRepository repository =
                JdbcEventQueueRepository.builder(h2).createSchema(true).build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .build())
                .repository(repository)
                .handler(handler)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("NoPg", 1), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dispatcher.getStats().completed() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            boolean handled = dispatcher.getStats().completed() == 1 && handler.total() == 1;
            System.out.println(handled ? "HANDLED" : "NOT HANDLED");
        }
    }
}
