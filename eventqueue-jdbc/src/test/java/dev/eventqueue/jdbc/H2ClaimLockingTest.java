package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.jdbc.json.JacksonEventSerializer;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2 locks every row a locking select's filter accepts, LIMIT or not; the H2 claim therefore picks
 * its rows first and locks only those. Here: a claim in an open transaction leaves the other due
 * rows free, and a claim that waited for a concurrent claim's rows and lost them still fills its
 * batch from the rows due after them.
 */
class H2ClaimLockingTest {

    private static final Instant NOW = Instant.parse("2026-05-14T12:00:00Z");
    private static final String HANDLER = "test.h2-claims";

    private String url;
    private HikariDataSource pool;
    private JdbcEventQueueRepository repository;
    private final Claimer claimer = new Claimer.PickThenLock(
            new QueueStatements(H2Dialect.INSTANCE, "event_queue", true),
            new EntryRows(H2Dialect.INSTANCE, new JacksonEventSerializer(), new EventTypes(List.of())));

    @BeforeEach
    void createTable() {
        url = "jdbc:h2:mem:claims_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        repository = JdbcEventQueueRepository.builder(pool).createSchema(true).build();
        List<NewQueueEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(new NewQueueEntry(UUID.randomUUID(), TestEvent.of("T", i), HANDLER, 100, false, 4, null, NOW));
        }
        assertThat(repository.enqueue(entries)).isEqualTo(10);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement drop = connection.createStatement()) {
            drop.execute("DROP ALL OBJECTS");
        }
        pool.close();
    }

    @Test
    void aClaimLocksOnlyTheRowsItClaims() throws SQLException {
        try (Connection claiming = DriverManager.getConnection(url)) {
            claiming.setAutoCommit(false);
            List<ClaimedEntry> claimed = claimer.claim(claiming, request(2, "first"), false);
            assertThat(claimed).hasSize(2);
            Set<UUID> claimedIds = ids(claimed);

            // Another session writes every other due row at once, without waiting on the open claim.
            try (Connection other = DriverManager.getConnection(url + ";LOCK_TIMEOUT=200");
                    PreparedStatement touch = other.prepareStatement(
                            "UPDATE event_queue SET priority = priority WHERE status = 'pending' AND id = ?")) {
                int touched = 0;
                for (UUID id : pendingIds(other)) {
                    if (!claimedIds.contains(id)) {
                        touch.setObject(1, id);
                        touched += touch.executeUpdate();
                    }
                }
                assertThat(touched).isEqualTo(8);
            }
            claiming.commit();
        }
    }

    @Test
    void aClaimThatLostRowsToAConcurrentClaimFillsItsBatchFromTheNextRows() throws Exception {
        List<ClaimedEntry> first;
        CompletableFuture<List<ClaimedEntry>> second;
        try (Connection claiming = DriverManager.getConnection(url)) {
            claiming.setAutoCommit(false);
            first = claimer.claim(claiming, request(3, "first"), false);
            assertThat(first).hasSize(3);
            // The second claim picks the same three rows, as they are still pending to it, and waits for them.
            second = CompletableFuture.supplyAsync(() -> repository.claim(request(3, "second")));
            awaitWaitingSession(claiming);
            claiming.commit();
        }
        List<ClaimedEntry> won = second.get(30, TimeUnit.SECONDS);

        assertThat(won).hasSize(3);
        assertThat(ids(won)).doesNotContainAnyElementsOf(ids(first));
        assertThat(won).allSatisfy(entry -> assertThat(entry.claimToken()).isEqualTo(1L));
    }

    private static ClaimRequest request(int limit, String owner) {
        return new ClaimRequest(NOW, limit, Loop.FOREGROUND, Set.of(HANDLER), owner, NOW.plusSeconds(30), null);
    }

    private static Set<UUID> ids(List<ClaimedEntry> entries) {
        Set<UUID> ids = new HashSet<>();
        for (ClaimedEntry entry : entries) {
            ids.add(entry.id());
        }
        return ids;
    }

    private static List<UUID> pendingIds(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement select = connection.createStatement();
                var rows = select.executeQuery("SELECT id FROM event_queue WHERE status = 'pending'")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** Until another session waits for a lock held by {@code holder}'s transaction. */
    private static void awaitWaitingSession(Connection holder) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Statement select = holder.createStatement();
                    var rows = select.executeQuery(
                            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()")) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        });
    }
}
