package dev.eventqueue.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code eventqueue.use-database} (or {@code USE_DATABASE_EVENT_QUEUE}) is true,
 * read by the same binder and conversion as {@link EventQueueProperties}, so the condition and
 * the settings never disagree about a value such as {@code yes} or {@code TRUE}.
 */
class OnUseDatabaseCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean useDatabase = Binder.get(context.getEnvironment())
                .bind("eventqueue.use-database", Boolean.class)
                .orElse(false);
        return useDatabase
                ? ConditionOutcome.match("eventqueue.use-database is true")
                : ConditionOutcome.noMatch("eventqueue.use-database is not true");
    }
}
