package dev.eventqueue.nats.outbox;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;

/** The outbox on an in-memory H2 database that the nodes of a test share. */
class H2NatsOutboxTest extends NatsOutboxContract {

    private String url;

    @BeforeEach
    void newDatabase() {
        url = "jdbc:h2:mem:outbox_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    protected DataSource newDataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return h2;
    }
}
