package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.PayloadLimitTest.BigEvent;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.Loop;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Text a database cannot store as it is is refused at publish instead of coming back changed. */
class LoneSurrogateTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEventWithALoneSurrogateIsRefusedAndAPairedOneRoundTrips(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("surrogate");
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(repository)
                .handler(new CountingHandler("texts", "Big"))
                .build()) {
            BigEvent emoji = new BigEvent(UUID.randomUUID(), "ok \uD83D\uDE00 paired");
            BigEvent lone = new BigEvent(UUID.randomUUID(), "broken \uD83D here");

            assertThatThrownBy(() -> dispatcher.publishAll(List.of(emoji, lone), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(lone.getEventId().toString())
                    .hasMessageContaining("lone UTF-16 surrogate (\\uD83D)")
                    .hasMessageContaining("nothing of this publish was enqueued");
            assertThat(repository.countByStatus().total())
                    .as("nothing of the publish")
                    .isZero();

            dispatcher.publish(emoji, null);
            Instant now = repository.clock().instant();
            assertThat(repository.claim(
                            new ClaimRequest(now, 10, Loop.FOREGROUND, Set.of("texts"), "me", now.plusSeconds(30))))
                    .singleElement()
                    .satisfies(entry ->
                            assertThat(((BigEvent) entry.event()).text()).isEqualTo(emoji.text()));
        } finally {
            repository.close();
            TestDatabases.drop(dataSource, table);
        }
    }
}
