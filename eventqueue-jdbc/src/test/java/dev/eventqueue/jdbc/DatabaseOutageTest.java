package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TcpProxy;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.events.TestEvent;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/** The database is down when the application starts, or goes away while it runs. */
class DatabaseOutageTest {

    private static final String TYPE = "Outage";

    @Test
    void databaseDownAtStartIsAClearErrorNamingTheUrlButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setServerNames(new String[] {"127.0.0.1"});
        down.setPortNumbers(new int[] {closedPort});
        down.setDatabaseName("test");
        down.setUser("postgres");
        down.setPassword("s3cret-pw");

        assertThatThrownBy(() -> JdbcEventQueueRepository.create(down))
                .isInstanceOf(EventQueueStoreException.class)
                .hasMessageContaining("Cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort)
                .hasMessageContaining("detect the database dialect")
                .hasMessageNotContaining("s3cret-pw");
        JdbcEventQueueRepository withDialect = JdbcEventQueueRepository.builder(down)
                .dialect(Dialect.POSTGRESQL)
                .build();
        assertThatThrownBy(withDialect::createSchemaIfMissing)
                .isInstanceOf(EventQueueStoreException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("create table event_queue if missing")
                .hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> JdbcAuditLog.create(down))
                .isInstanceOf(EventQueueStoreException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    @Timeout(180)
    void aDispatcherWhoseDatabaseGoesAwayResumesByItselfWhenItIsBack() throws Exception {
        String table = TestDatabases.uniqueTable("outage");
        JdbcEventQueueRepository direct = JdbcEventQueueRepository.builder(TestDatabases.postgres())
                .tableName(table)
                .createSchema(true)
                .build();
        CountingHandler handler = new CountingHandler("outage-handler", TYPE);
        try (TcpProxy proxy = new TcpProxy(TestServers.postgres().port());
                HikariDataSource proxied = proxiedPool(proxy)) {
            JdbcEventQueueRepository repository =
                    JdbcEventQueueRepository.builder(proxied).tableName(table).build();
            EventQueueConfig config = EventQueueConfig.builder()
                    .processingInterval(Duration.ofMillis(100))
                    .leaseDuration(Duration.ofSeconds(5))
                    .build();
            try (EventDispatcher node = EventDispatcher.builder()
                            .config(config)
                            .repository(repository)
                            .eventType(TYPE, TestEvent.class)
                            .handler(handler)
                            .build();
                    EventDispatcher otherNode = EventDispatcher.builder()
                            .repository(direct)
                            .handler(new CountingHandler("outage-handler", TYPE))
                            .build()) {
                node.start();
                node.publishAll(events(20), null);
                await().atMost(Duration.ofSeconds(30)).until(() -> handler.total() == 20);

                proxy.cut();
                assertThatThrownBy(() -> node.publish(TestEvent.of(TYPE, -1), null))
                        .isInstanceOf(EventQueueStoreException.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> node.getHealth().status() == HealthReport.Status.DOWN);
                // Work keeps arriving from a node that can still reach the database.
                List<TestEvent> duringOutage = events(30);
                otherNode.publishAll(duringOutage, null);

                proxy.restore();

                await().atMost(Duration.ofSeconds(90)).until(() -> handler.total() == 50);
                assertThat(duringOutage)
                        .allSatisfy(event -> assertThat(handler.deliveriesOf(event.eventId()))
                                .isOne());
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () -> assertThat(direct.countByStatus()).isEqualTo(new QueueCounts(0, 0, 50, 0)));
                assertThat(node.getHealth().status()).isNotEqualTo(HealthReport.Status.DOWN);
            } finally {
                repository.close();
            }
        } finally {
            direct.close();
            TestDatabases.drop(TestDatabases.postgres(), table);
        }
    }

    private static List<TestEvent> events(int count) {
        List<TestEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(TestEvent.of(TYPE, i));
        }
        return events;
    }

    private static HikariDataSource proxiedPool(TcpProxy proxy) {
        HikariConfig config = new HikariConfig();
        TestServer server = TestServers.postgres();
        String url = server.urlWithPort(proxy.port());
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "connectTimeout=2&socketTimeout=30");
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        return new HikariDataSource(config);
    }
}
