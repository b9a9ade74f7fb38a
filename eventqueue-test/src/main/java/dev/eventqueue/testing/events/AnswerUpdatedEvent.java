package dev.eventqueue.testing.events;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A class event whose type name ("AnswerUpdated") differs from its class name and is given by an
 * overridden {@code getEventType()} only, without an annotation: a consumer learns the name from
 * an instance.
 */
public final class AnswerUpdatedEvent extends AbstractDomainEvent {

    public static final String TYPE = "AnswerUpdated";

    private final String answerId;
    private final String text;

    public AnswerUpdatedEvent(UUID eventId, Instant occurredAt, String answerId, String text) {
        super(eventId, occurredAt);
        this.answerId = answerId;
        this.text = text;
    }

    public static AnswerUpdatedEvent of(String answerId, String text) {
        return new AnswerUpdatedEvent(UUID.randomUUID(), Instant.now(), answerId, text);
    }

    @Override
    public String getEventType() {
        return TYPE;
    }

    public String getAnswerId() {
        return answerId;
    }

    public String getText() {
        return text;
    }
}
