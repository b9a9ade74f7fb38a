package dev.eventqueue.example.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.AttemptAggregate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAttemptRepositoryTest {

    private static final Credentials MANAGER = new Credentials("manager-1", "MANAGER");

    private final List<DomainEvent> published = new ArrayList<>();
    private final List<Credentials> publishedBy = new ArrayList<>();
    private boolean failPublishing;

    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void publish(DomainEvent event, Credentials credentials) {
            publishAll(List.of(event), credentials);
        }

        @Override
        public void publishAll(List<? extends DomainEvent> events, Credentials credentials) {
            if (failPublishing) {
                throw new IllegalStateException("queue unavailable");
            }
            published.addAll(events);
            publishedBy.add(credentials);
        }
    };

    @Test
    void saveStoresTheAttemptPublishesItsEventsAndClearsThem() {
        InMemoryAttemptRepository repository = new InMemoryAttemptRepository(publisher);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, Clock.systemUTC());
        List<DomainEvent> recorded = List.copyOf(attempt.getDomainEvents());

        repository.save(attempt, MANAGER);

        assertThat(published).containsExactlyElementsOf(recorded);
        assertThat(publishedBy).containsExactly(MANAGER);
        assertThat(attempt.getDomainEvents()).isEmpty();
        assertThat(repository.findById(attempt.getId())).contains(attempt.snapshot());
    }

    @Test
    void aFailedPublishStoresNothingAndKeepsTheEventsForAnotherTry() {
        InMemoryAttemptRepository repository = new InMemoryAttemptRepository(publisher);
        AttemptAggregate attempt = AttemptAggregate.create("test-1", "candidate-1", 1, Clock.systemUTC());
        failPublishing = true;

        assertThatThrownBy(() -> repository.save(attempt, MANAGER)).hasMessage("queue unavailable");

        assertThat(repository.findById(attempt.getId())).isEmpty();
        assertThat(attempt.getDomainEvents()).hasSize(1);
        failPublishing = false;
        repository.save(attempt, MANAGER);
        assertThat(published).hasSize(1);
    }
}
