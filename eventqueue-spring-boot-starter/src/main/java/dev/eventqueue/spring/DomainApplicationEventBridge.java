package dev.eventqueue.spring;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventPublisher;
import java.util.Objects;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Enqueues every {@link DomainEvent} published through Spring's {@code ApplicationEventPublisher},
 * on the publishing thread, so inside the publisher's transaction. This is how events registered
 * with Spring Data's {@code AbstractAggregateRoot.registerEvent} (or returned by a
 * {@code @DomainEvents} method) reach the queue when the repository saves the aggregate.
 * Publishing an event twice is harmless: the queue ignores entries that already exist.
 *
 * <p>The wildcard matters: Spring matches listener generics invariantly, so a listener for
 * {@code PayloadApplicationEvent<DomainEvent>} would never see an {@code OrderPlaced} payload.
 */
public final class DomainApplicationEventBridge
        implements ApplicationListener<PayloadApplicationEvent<? extends DomainEvent>> {

    private final EventPublisher publisher;

    public DomainApplicationEventBridge(EventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<? extends DomainEvent> event) {
        publisher.publish(event.getPayload(), null);
    }

    @Override
    public boolean supportsAsyncExecution() {
        // Enqueueing on another thread would leave the publisher's transaction behind.
        return false;
    }
}
