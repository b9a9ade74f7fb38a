package dev.eventqueue.docs.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.docs.Documents;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/DELIVERY-ORDER.md and this package one source: every Java block of the page is a
 * tagged snippet from here, and the snippets run: an ordered projection and an exactly-once
 * ledger handler on one JDBC store.
 */
class DeliveryOrderDocTest {

    @Test
    void everyJavaBlockOfThePageIsATaggedSnippetAndEverySnippetIsShown() {
        Map<String, String> snippets = Documents.snippets("dev.eventqueue.docs.order");
        List<String> blocks = Documents.blocks(Documents.read("docs/DELIVERY-ORDER.md"), "java");
        assertThat(snippets).containsOnlyKeys("ordered-handler", "transactional-handler", "wiring", "blocked");
        snippets.forEach((name, code) ->
                assertThat(blocks).as("page block for snippet '%s'", name).contains(code));
        assertThat(snippets.values()).as("Java blocks of the page").containsAll(blocks);
    }

    @Test
    void theOrderedProjectionSeesEachAccountInOrderAndTheLedgerGetsOneRowPerEvent() throws SQLException {
        DataSource dataSource = TestDatabases.h2();
        execute(dataSource, "CREATE TABLE ledger (event_id VARCHAR(36), account_id VARCHAR(64), amount_cents BIGINT)");
        AccountProjection projection = new AccountProjection();
        try (EventDispatcher dispatcher = DeliveryOrderExample.wire(dataSource, projection)) {
            List<AccountEvent> events = new ArrayList<>();
            for (int version = 1; version <= 5; version++) {
                for (String account : List.of("acc-1", "acc-2", "acc-3")) {
                    events.add(AccountEvent.of(account, version, 100L * version));
                }
            }
            dispatcher.publishAll(events, null);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.getStats().completed() == 30);
            for (String account : List.of("acc-1", "acc-2", "acc-3")) {
                assertThat(projection.versionsSeen(account)).containsExactly(1, 2, 3, 4, 5);
            }
            assertThat(count(dataSource, "SELECT COUNT(*) FROM ledger")).isEqualTo(15);
            assertThat(count(dataSource, "SELECT COUNT(DISTINCT event_id) FROM ledger"))
                    .isEqualTo(15);
            assertThat(DeliveryOrderExample.blocked(dispatcher)).isZero();
        }
    }

    private static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
