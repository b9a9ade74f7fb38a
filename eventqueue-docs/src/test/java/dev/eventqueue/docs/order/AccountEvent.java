package dev.eventqueue.docs.order;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** The documentation's event: a change of one account, the aggregate. */
public record AccountEvent(UUID eventId, Instant occurredAt, String accountId, int version, long amountCents)
        implements DomainEvent {

    public static final String TYPE = "AccountChanged";

    public static AccountEvent of(String accountId, int version, long amountCents) {
        return new AccountEvent(UUID.randomUUID(), Instant.now(), accountId, version, amountCents);
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return TYPE;
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Override
    public String getAggregateId() {
        return accountId;
    }
}
