package dev.eventqueue.spring.boot.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.SchemaScripts;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.spring.SpringEventPublisher;
import dev.eventqueue.spring.boot.fixtures.Apps;
import dev.eventqueue.spring.boot.fixtures.BlockingApplication;
import dev.eventqueue.spring.boot.fixtures.BlockingHandler;
import dev.eventqueue.spring.boot.fixtures.LoopbackProxy;
import dev.eventqueue.spring.boot.fixtures.OrderPlaced;
import dev.eventqueue.spring.boot.fixtures.TestApplication;
import dev.eventqueue.spring.boot.fixtures.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start and stop of whole applications on a real database: each test runs an application of its
 * own, with tables of its own, and closes it itself.
 */
abstract class JdbcLifecycleContract {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    abstract TestDatabase database();

    @Test
    final void shutdownWaitsForTheRunningHandlerAndItsEntryEndsCompletedInTheDatabase() throws Exception {
        Map<String, String> properties =
                database().properties(database().server().getPort());
        properties.put("test.drop-tables", "false");
        String table = properties.get("eventqueue.table-name");
        ConfigurableApplicationContext app = Apps.run(BlockingApplication.class, properties);
        try {
            BlockingHandler handler = app.getBean(BlockingHandler.class);
            EventDispatcher dispatcher = app.getBean(EventDispatcher.class);
            OrderPlaced event = new OrderPlaced("o-slow");
            app.getBean(SpringEventPublisher.class).publish(event);
            await().atMost(TIMEOUT).until(handler::hasStarted);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
            await().atMost(TIMEOUT).until(() -> !dispatcher.isRunning());
            assertThat(closing).as("closing waits for the running handler").isNotDone();
            handler.release();
            closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(handler.hasFinished()).isTrue();
            assertThat(statusInDatabase(table, event.getEventId()))
                    .as("written before the DataSource closed")
                    .isEqualTo("completed");
        } finally {
            app.close();
            dropTables(properties);
        }
    }

    @Test
    final void healthIsUpThenDownWhileTheDatabaseIsUnreachableThenUpAgain() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(database().server())) {
            Map<String, String> properties = database().properties(proxy.port());
            properties.put("eventqueue.processing-interval", "200ms");
            properties.put("eventqueue.shutdown-timeout", "5s");
            properties.put("spring.datasource.hikari.connection-timeout", "1500");
            properties.put("spring.datasource.hikari.validation-timeout", "1000");
            ConfigurableApplicationContext app = Apps.run(TestApplication.class, properties);
            try {
                HealthIndicator health = app.getBean("eventqueueHealthIndicator", HealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                proxy.cut();
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    Health down = health.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails().get("store")).asString().startsWith("unreachable");
                });

                proxy.restore();
                await().atMost(TIMEOUT)
                        .untilAsserted(
                                () -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
            } finally {
                app.close();
            }
        }
    }

    private String statusInDatabase(String table, UUID eventId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select =
                        connection.prepareStatement("select status from " + table + " where event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private void dropTables(Map<String, String> properties) throws SQLException {
        try (Connection connection = connect();
                Statement drop = connection.createStatement()) {
            String queueTable = properties.get("eventqueue.table-name");
            for (String sql :
                    SchemaScripts.statements(SchemaScripts.queueTableDrop(Dialect.detect(connection), queueTable))) {
                drop.execute(sql);
            }
            drop.execute("drop table if exists " + properties.get("test.orders-table"));
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database().jdbcUrl(), database().username(), "");
    }
}
