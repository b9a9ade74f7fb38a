package dev.eventqueue.example.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.example.handlers.ExampleHandlers;
import dev.eventqueue.example.handlers.HandlerActivity;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saving an attempt writes its row and its events' queue entries in one transaction: both
 * commit, or neither. One subclass per database.
 */
abstract class JdbcAttemptRepositoryContract {

    private static final Credentials CANDIDATE = new Credentials("candidate-1", "CANDIDATE");

    final String prefix =
            "eq_example_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final String queueTable = prefix + "_queue";
    final String attemptsTable = prefix + "_attempts";

    HikariDataSource dataSource;
    JdbcEventQueueRepository queue;
    EventDispatcher dispatcher;

    abstract HikariConfig connection();

    @BeforeEach
    void createTables() {
        HikariConfig config = connection();
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        queue = JdbcEventQueueRepository.builder(dataSource)
                .tableName(queueTable)
                .createSchema(true)
                .notifications(false)
                .build();
        JdbcAttemptRepository.createTableIfMissing(dataSource, attemptsTable);
        dispatcher = EventDispatcher.builder()
                .repository(queue)
                .handlers(ExampleHandlers.all(new HandlerActivity(), Duration.ofMillis(100)))
                .build();
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + attemptsTable);
            queue.dropSchema();
        } finally {
            queue.close();
            dataSource.close();
        }
    }

    @Test
    void savingCommitsTheAttemptAndItsQueueEntriesTogether() {
        JdbcAttemptRepository repository = repository(dispatcher);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, Clock.systemUTC());
        DomainEvent created = attempt.getDomainEvents().get(0);

        repository.save(attempt, CANDIDATE);

        assertThat(repository.findById(attempt.getId())).isPresent();
        assertThat(queue.findByEventId(created.getEventId()))
                .extracting(QueueEntry::handlerName)
                .containsExactlyInAnyOrder("AttemptCreatedHandler", "AttemptAuditHandler");
        assertThat(queue.findByEventId(created.getEventId()))
                .allSatisfy(entry -> assertThat(entry.credentialsUserId()).isEqualTo("candidate-1"));
        assertThat(attempt.getDomainEvents()).isEmpty();
    }

    @Test
    void aFailureAfterPublishingRollsBackTheAttemptAndItsQueueEntries() {
        EventPublisher publishThenFail = new EventPublisher() {
            @Override
            public void publish(DomainEvent event, Credentials credentials) {
                publishAll(List.of(event), credentials);
            }

            @Override
            public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
                dispatcher.publishAll(events, credentials);
                throw new IllegalStateException("failed after the entries were written");
            }
        };
        JdbcAttemptRepository repository = repository(publishThenFail);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, Clock.systemUTC());
        DomainEvent created = attempt.getDomainEvents().get(0);

        assertThatThrownBy(() -> repository.save(attempt, CANDIDATE))
                .hasMessage("failed after the entries were written");

        assertThat(repository.findById(attempt.getId())).isEmpty();
        assertThat(queue.findByEventId(created.getEventId())).isEmpty();
        assertThat(attempt.getDomainEvents()).containsExactly(created);
    }

    @Test
    void aFailingPublishLeavesNoAttemptBehind() {
        JdbcEventQueueRepository missing = JdbcEventQueueRepository.builder(dataSource)
                .tableName(prefix + "_missing")
                .notifications(false)
                .build();
        EventDispatcher broken = EventDispatcher.builder()
                .repository(missing)
                .handlers(ExampleHandlers.all(new HandlerActivity(), Duration.ofMillis(100)))
                .build();
        JdbcAttemptRepository repository = repository(broken);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, Clock.systemUTC());

        assertThatThrownBy(() -> repository.save(attempt, CANDIDATE)).isInstanceOf(RuntimeException.class);

        assertThat(repository.findById(attempt.getId())).isEmpty();
        assertThat(attempt.getDomainEvents()).hasSize(1);
    }

    @Test
    void laterSavesUpdateTheRowAndReadBackTheSameState() {
        JdbcAttemptRepository repository = repository(dispatcher);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 3, Clock.systemUTC());
        repository.save(attempt, CANDIDATE);
        attempt.updateAnswer("q1", "B");
        attempt.updateAnswer("q2", "D");
        attempt.submit();
        repository.save(attempt, CANDIDATE);

        Attempt stored = repository.findById(attempt.getId()).orElseThrow();
        assertThat(stored).isEqualTo(attempt.snapshot());
        assertThat(stored.answers()).containsExactly(java.util.Map.entry("q1", "B"), java.util.Map.entry("q2", "D"));
    }

    private JdbcAttemptRepository repository(EventPublisher publisher) {
        return new JdbcAttemptRepository(dataSource, attemptsTable, publisher, Clock.systemUTC());
    }
}
