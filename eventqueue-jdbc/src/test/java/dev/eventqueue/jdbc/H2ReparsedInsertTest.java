package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

/**
 * H2 prepares a statement again when another session changed the schema, and an untyped value of
 * {@code VALUES} then takes the type of the value bound at that moment: a first entry without an
 * ordering key, due time, credentials or headers used to erase those of every later entry of the
 * publish (found as per-aggregate order broken on the embedded database, when a dispatcher started
 * beside the publish). Here a trigger has another session create a table while the first entry
 * of a publish is inserted, so that the statement is prepared again at the second.
 */
class H2ReparsedInsertTest {

    private static final Instant NOW = Instant.parse("2026-05-14T12:00:00Z");

    @Test
    void aFirstEntryWithoutOptionalValuesLeavesTheLaterEntriesTheirs() throws SQLException {
        String url = "jdbc:h2:mem:reparsed_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1); // one session, so its compiled insert is reused
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection otherSession = DriverManager.getConnection(url)) {
            JdbcEventQueueRepository repository =
                    JdbcEventQueueRepository.builder(pool).createSchema(true).build();
            SchemaChangeOnFirstInsert.url = url;
            try (Statement trigger = otherSession.createStatement()) {
                trigger.execute(
                        "CREATE TRIGGER schema_change_on_insert BEFORE INSERT ON event_queue FOR EACH ROW CALL \""
                                + SchemaChangeOnFirstInsert.class.getName() + "\"");
            }
            List<NewQueueEntry> publish = new ArrayList<>();
            publish.add(plain("first"));
            publish.add(plain("second"));
            for (int i = 0; i < 5; i++) {
                publish.add(full("later-" + i));
            }
            assertThat(repository.enqueue(publish)).isEqualTo(7);
            assertThat(SchemaChangeOnFirstInsert.fired).isTrue();

            try (Connection connection = pool.getConnection();
                    Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT handler_name, ordering_key, next_retry_at,"
                            + " credentials_user_id, credentials_role, headers FROM event_queue"
                            + " WHERE handler_name LIKE 'later-%' ORDER BY seq")) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    String handler = rows.getString(1);
                    assertThat(rows.getString(2))
                            .as("ordering key of %s", handler)
                            .isEqualTo("account-7");
                    assertThat(rows.getObject(3)).as("due time of %s", handler).isNotNull();
                    assertThat(rows.getString(4)).as("user of %s", handler).isEqualTo("alice");
                    assertThat(rows.getString(5)).as("role of %s", handler).isEqualTo("clerk");
                    assertThat(rows.getString(6)).as("headers of %s", handler).contains("traceparent");
                }
                assertThat(count).isEqualTo(5);
            }
        }
    }

    /** Has another session create a table while the first row of the publish is inserted. */
    public static final class SchemaChangeOnFirstInsert implements Trigger {
        static volatile String url;
        static volatile boolean fired;

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            if (fired) {
                return;
            }
            fired = true;
            try (Connection other = DriverManager.getConnection(url);
                    Statement ddl = other.createStatement()) {
                ddl.execute("CREATE TABLE schema_change (x INT)");
            }
        }
    }

    private static NewQueueEntry plain(String handler) {
        return new NewQueueEntry(UUID.randomUUID(), TestEvent.of("T", 1), handler, 100, false, 1, null, NOW);
    }

    private static NewQueueEntry full(String handler) {
        return new NewQueueEntry(
                UUID.randomUUID(),
                TestEvent.of("T", 2),
                handler,
                100,
                false,
                1,
                new Credentials("alice", "clerk"),
                NOW,
                NOW.plusSeconds(60),
                "account-7",
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }
}
