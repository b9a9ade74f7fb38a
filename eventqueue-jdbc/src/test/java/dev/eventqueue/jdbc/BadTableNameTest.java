package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Table names are written into SQL text, so anything but a plain identifier is refused up front. */
class BadTableNameTest {

    private final DataSource h2 = TestDatabases.h2();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "event_queue; DROP TABLE users",
                "event_queue --",
                "q' OR '1'='1",
                "1queue",
                "a.b.c",
                "queue name",
                "\"quoted\"",
                "",
                "app."
            })
    void queueBuilderRejectsTableNamesThatAreNotIdentifiers(String name) {
        assertThatThrownBy(() -> JdbcEventQueueRepository.builder(h2).tableName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName must be an SQL identifier")
                .hasMessageContaining("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_audit_log; DELETE FROM x", "log)"})
    void auditBuilderRejectsThemToo(String name) {
        assertThatThrownBy(() -> JdbcAuditLog.builder(h2).tableName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void theTableNameOfTheSettingsReachesTheStore() {
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(h2)
                .config(EventQueueConfig.fromMap(java.util.Map.of("EVENT_QUEUE_TABLE_NAME", "orders_queue")))
                .createSchema(true)
                .build();
        assertThat(repository.tableName()).isEqualTo("orders_queue");
        assertThat(repository.toString()).contains("orders_queue");
    }

    @Test
    void schemaExportRejectsThemToo() {
        assertThatThrownBy(() -> SchemaScripts.queueTable(Dialect.POSTGRESQL, "x;drop table y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTooLongForDerivedIndexNamesAreRefusedWithTheLimit() {
        String longName = "q".repeat(51);
        assertThatThrownBy(() -> JdbcEventQueueRepository.builder(h2).tableName(longName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50 characters");
    }

    @Test
    void schemaQualifiedNamesAreAccepted() {
        assertThat(JdbcEventQueueRepository.builder(h2)
                        .tableName("app.event_queue")
                        .dialect(Dialect.H2)
                        .build()
                        .tableName())
                .isEqualTo("app.event_queue");
    }
}
