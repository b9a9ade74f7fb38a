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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The type name, for example {@code "AnswerUpdated"}. */
    String value();
}
