package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.queue.InMemoryEventQueueRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The outbox's table settings are the JDBC store's, checked as it checks them. */
class NatsOutboxBuilderTest {

    private final JdbcDataSource h2 = new JdbcDataSource();

    NatsOutboxBuilderTest() {
        h2.setURL("jdbc:h2:mem:outbox_builder_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aTableNameThatIsNoPlainIdentifierIsRefusedWhenSet() {
        NatsOutboxRepository.Builder builder = NatsOutboxRepository.builder(new InMemoryEventQueueRepository(), h2);

        assertThatThrownBy(() -> builder.tableName("outbox; DROP TABLE orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName");
        assertThatThrownBy(() -> builder.tableName(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSchemaIsCreatedInTheDefaultTableOrTheOneNamed() throws SQLException {
        try (NatsOutboxRepository byDefault = NatsOutboxRepository.builder(new InMemoryEventQueueRepository(), h2)
                        .createSchema(true)
                        .build();
                NatsOutboxRepository named = NatsOutboxRepository.builder(new InMemoryEventQueueRepository(), h2)
                        .tableName("orders_outbox")
                        .createSchema(true)
                        .build();
                NatsOutboxRepository withoutSchema = NatsOutboxRepository.builder(
                                new InMemoryEventQueueRepository(), h2)
                        .tableName("not_created")
                        .build()) {
            assertThat(tableExists(NatsOutboxRepository.DEFAULT_TABLE)).isTrue();
            assertThat(tableExists("orders_outbox")).isTrue();
            assertThat(tableExists("not_created")).isFalse();
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection connection = h2.getConnection();
                ResultSet tables =
                        connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null)) {
            return tables.next();
        }
    }
}
