package dev.eventqueue.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event class's type explicitly: the name stored with each of its entries and the one a
 * node reads them back under. Keeps that name stable when the class is renamed or moved.
 *
 * <p>The class's {@link DomainEvent#getEventType()} must report the same name ({@link
 * AbstractDomainEvent} does so by itself); a publish of an instance that reports another name is
 * refused.
 *
 * <pre>{@code
 * @EventType(value = "AnswerUpdated", version = 2, aliases = "AnswerChanged")
 * public record AnswerUpdated(UUID eventId, Instant occurredAt, String answerId, String text) implements DomainEvent { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The type name, for example {@code "AnswerUpdated"}. */
    String value();

    /**
     * The version of the class's shape (1 by default). Entries keep the version they were written
     * with; an entry of an older version is turned into this one by the upcasters registered for
     * the type before it is read.
     */
    int version() default 1;

    /** Former names of the type: entries stored under them are read as this class. */
    String[] aliases() default {};
}
