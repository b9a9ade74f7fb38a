package dev.eventqueue.dashboard;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.SchemaScripts;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.queue.NodeHeartbeat;
import dev.eventqueue.queue.QueueCounts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A real queue in a database, filled by a real dispatcher: {@link #PLACED} orders shipped
 * (completed), {@link #CANCELLED} cancellations whose refund failed for good (failed, one attempt
 * each), one of them with a script in its note. The dispatcher is stopped afterwards, so the
 * counts stay put; one running node is recorded for the nodes page.
 */
final class ShopQueue implements AutoCloseable {

    static final int PLACED = 6;
    static final int CANCELLED = 3;
    static final String XSS = "<script>window.pwned=true</script><img src=x onerror=\"window.pwned=true\">";
    static final String XSS_ORDER = "order-xss";
    static final String SHIPPING = "shop.Shipping";
    static final String REFUNDS = "shop.Refunds";
    static final String NODE = "node-a";

    final String table;
    final HikariDataSource pool;
    final JdbcEventQueueRepository repository;
    final JdbcAuditLog auditLog;
    private final String url;
    private final String user;
    private final String password;

    private ShopQueue(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = "dash_" + UUID.randomUUID().toString().substring(0, 8);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(3_000);
        config.setPoolName("dashboard-test-" + table);
        this.pool = new HikariDataSource(config);
        this.repository = JdbcEventQueueRepository.builder(pool)
                .tableName(table)
                .eventType("OrderPlaced", OrderEvent.class)
                .eventType("OrderCancelled", OrderEvent.class)
                .createSchema(true)
                .build();
        this.auditLog = JdbcAuditLog.builder(pool)
                .tableName(table + "_audit")
                .createSchema(true)
                .build();
    }

    static ShopQueue h2() {
        return new ShopQueue("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    static ShopQueue on(String url, String user, String password) {
        return new ShopQueue(url, user, password);
    }

    /** Publishes and handles every event, then stops the dispatcher; returns when all have ended. */
    ShopQueue fill() {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(50))
                        .build())
                .repository(repository)
                .auditLog(auditLog)
                .handler(new Shipping())
                .handler(new Refunds())
                .build();
        try {
            dispatcher.start();
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < PLACED; i++) {
                events.add(OrderEvent.of("OrderPlaced", "order-" + i, "ship to Main Street " + i));
            }
            for (int i = 0; i < CANCELLED - 1; i++) {
                events.add(OrderEvent.of("OrderCancelled", "order-" + i, "customer changed their mind"));
            }
            events.add(OrderEvent.of("OrderCancelled", XSS_ORDER, XSS));
            dispatcher.publishAll(events, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                QueueCounts counts = repository.countByStatus();
                return counts.completed() == PLACED && counts.failed() == CANCELLED;
            });
        } finally {
            dispatcher.close();
        }
        Instant now = repository.clock().instant();
        repository.recordHeartbeat(
                new NodeHeartbeat(NODE, Set.of(SHIPPING, REFUNDS), now, now.plus(Duration.ofHours(1))));
        return this;
    }

    /** Makes the database unreachable for the dashboard: its connection pool is gone. */
    void cutOff() {
        pool.close();
    }

    /** Drops the tables, so that a shared server keeps none of them. */
    @Override
    public void close() throws SQLException {
        repository.close();
        pool.close();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table + "_audit");
            Dialect dialect = Dialect.detect(connection);
            for (String sql : SchemaScripts.statements(SchemaScripts.queueTableDrop(dialect, table))) {
                statement.execute(sql);
            }
        }
    }

    static final class Shipping extends EventHandlerBase<OrderEvent> {
        @Override
        public void handle(OrderEvent event) {}

        @Override
        public boolean canHandle(DomainEvent event) {
            return event.getEventType().equals("OrderPlaced");
        }

        @Override
        public String getName() {
            return SHIPPING;
        }
    }

    static final class Refunds extends EventHandlerBase<OrderEvent> {
        @Override
        public void handle(OrderEvent event) {
            throw new IllegalStateException("payment provider refused the refund for " + event.orderId());
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event.getEventType().equals("OrderCancelled");
        }

        @Override
        public int getMaxRetries() {
            return 0;
        }

        @Override
        public String getName() {
            return REFUNDS;
        }
    }
}
