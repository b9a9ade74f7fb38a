package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** H2's claim lock: one statement per handler count, order and id count, rendered once. */
class QueueStatementsTest {

    private final QueueStatements sql = new QueueStatements(H2Dialect.INSTANCE, "event_queue", true);

    @Test
    void aClaimLockIsRenderedOnceForEachHandlerCountOrderAndIdCount() {
        String lock = sql.claimLock(2, 3, false);

        assertThat(sql.claimLock(2, 3, false)).isSameAs(lock);
        assertThat(sql.claimLock(2, 3, true)).isNotEqualTo(lock).isSameAs(sql.claimLock(2, 3, true));
        assertThat(sql.claimLock(3, 3, false)).isNotEqualTo(lock);
        assertThat(sql.claimLock(2, 4, false)).isNotEqualTo(lock);
    }

    @Test
    void aClaimLockHasTheOrderAndAPlaceholderForEachHandlerAndId() {
        String lock = sql.claimLock(2, 3, false);
        String aged = sql.claimLock(5, 7, true);

        assertThat(lock).contains("handler_name IN (?, ?)", "id IN (?, ?, ?)", "ORDER BY priority, created_at, seq");
        assertThat(aged)
                .contains("handler_name IN (?, ?, ?, ?, ?)", "id IN (?, ?, ?, ?, ?, ?, ?)", "ORDER BY updated_at, seq");
        assertThat(sql.claimLock(1, 1, false)).isNotEqualTo(sql.claimLock(1, 1, true));
    }

    @Test
    void aClaimLockOfMoreIdsThanAreCachedIsRenderedEachTime() {
        String many = sql.claimLock(1, 2000, false);

        assertThat(many).contains("id IN (?" + ", ?".repeat(1999) + ")");
        assertThat(sql.claimLock(1, 2000, false)).isEqualTo(many).isNotSameAs(many);
    }
}
