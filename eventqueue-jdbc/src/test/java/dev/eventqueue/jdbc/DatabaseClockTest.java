package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database clock never measures inside a caller's transaction: H2 answers there with the
 * transaction's start time, and a reading that old would set the clock back, so a delayed entry
 * would start early by the transaction's age.
 */
class DatabaseClockTest {

    @Test
    void aReadingDueInsideACallersTransactionWaitsUntilTheTransactionIsOver() throws Exception {
        DataSource dataSource = TestDatabases.Kind.H2.dataSource();
        SqlRunner runner = new SqlRunner(new DataSourceConnectionProvider(dataSource), true, "clock test", "h2");
        runner.dialect(SqlDialect.of(Dialect.H2));
        DatabaseClock clock = new DatabaseClock(runner, SqlDialect.of(Dialect.H2));

        JdbcTransactions.inTransaction(dataSource, connection -> {
            Instant inside = clock.instant();
            assertThat(inside).isNotNull();
            assertThat(clock.isMeasured())
                    .as("measured inside the caller's transaction")
                    .isFalse();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.instant();
            return clock.isMeasured();
        });
    }
}
