package dev.eventqueue.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which queue entries an operator query, retry or purge is about. Every criterion is optional and
 * they all apply together; an empty set means "any". The time range is over {@code updatedAt}, the
 * entry's last change (for a failed entry: when it failed), from inclusive, to exclusive.
 *
 * @param statuses         entries in one of these statuses
 * @param handlers         entries of one of these handlers
 * @param excludedHandlers entries of none of these handlers (orphans: handlers no running node has)
 * @param eventTypes       entries of events of one of these types
 * @param aggregateId      entries of events of this aggregate
 * @param errorContains    entries whose last error contains this text, ignoring case
 * @param updatedFrom      entries last changed at or after this instant
 * @param updatedBefore    entries last changed before this instant
 */
public record EntryFilter(
        Set<EntryStatus> statuses,
        Set<String> handlers,
        Set<String> excludedHandlers,
        Set<String> eventTypes,
        String aggregateId,
        String errorContains,
        Instant updatedFrom,
        Instant updatedBefore) {

    /** Every entry. */
    public static final EntryFilter ALL = builder().build();

    public EntryFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        handlers = handlers == null ? Set.of() : Set.copyOf(handlers);
        excludedHandlers = excludedHandlers == null ? Set.of() : Set.copyOf(excludedHandlers);
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        aggregateId = blankToNull(aggregateId);
        errorContains = blankToNull(errorContains);
        if (updatedFrom != null && updatedBefore != null && !updatedFrom.isBefore(updatedBefore)) {
            throw new IllegalArgumentException(
                    "the time range is empty: from " + updatedFrom + " is not before " + updatedBefore);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this filter's criteria, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.statuses.addAll(statuses);
        builder.handlers.addAll(handlers);
        builder.excludedHandlers.addAll(excludedHandlers);
        builder.eventTypes.addAll(eventTypes);
        builder.aggregateId = aggregateId;
        builder.errorContains = errorContains;
        builder.updatedFrom = updatedFrom;
        builder.updatedBefore = updatedBefore;
        return builder;
    }

    /** Whether an entry in this status can match. */
    public boolean allowsStatus(EntryStatus status) {
        return statuses.isEmpty() || statuses.contains(status);
    }

    /** Whether {@code entry} meets every criterion: the reference every store's query agrees with. */
    public boolean matches(QueueEntry entry) {
        return allowsStatus(entry.status())
                && (handlers.isEmpty() || handlers.contains(entry.handlerName()))
                && !excludedHandlers.contains(entry.handlerName())
                && (eventTypes.isEmpty() || eventTypes.contains(entry.eventType()))
                && (aggregateId == null || aggregateId.equals(entry.aggregateId()))
                && (errorContains == null
                        || (entry.error() != null
                                && entry.error()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(errorContains.toLowerCase(Locale.ROOT))))
                && (updatedFrom == null || !entry.updatedAt().isBefore(updatedFrom))
                && (updatedBefore == null || entry.updatedAt().isBefore(updatedBefore));
    }

    /**
     * The rule every store applies before deleting: the filter names its statuses, and never
     * {@code processing} (a worker holds those entries).
     *
     * @throws IllegalArgumentException otherwise
     */
    public void requireDeletable() {
        if (statuses.isEmpty() || statuses.contains(EntryStatus.PROCESSING)) {
            throw new IllegalArgumentException("entries are deleted only by naming their statuses, and never "
                    + "'processing' (a worker holds those), but the filter allows "
                    + (statuses.isEmpty() ? "every status" : statuses));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Builds a filter; every method narrows it. */
    public static final class Builder {
        private final Set<EntryStatus> statuses = EnumSet.noneOf(EntryStatus.class);
        private final Set<String> handlers = new LinkedHashSet<>();
        private final Set<String> excludedHandlers = new LinkedHashSet<>();
        private final Set<String> eventTypes = new LinkedHashSet<>();
        private String aggregateId;
        private String errorContains;
        private Instant updatedFrom;
        private Instant updatedBefore;

        private Builder() {}

        public Builder status(EntryStatus... statuses) {
            this.statuses.addAll(Set.of(statuses));
            return this;
        }

        public Builder statuses(Collection<EntryStatus> statuses) {
            this.statuses.clear();
            this.statuses.addAll(statuses);
            return this;
        }

        public Builder handler(String... handlers) {
            this.handlers.addAll(Set.of(handlers));
            return this;
        }

        public Builder excludeHandlers(Collection<String> handlers) {
            this.excludedHandlers.addAll(handlers);
            return this;
        }

        public Builder eventType(String... eventTypes) {
            this.eventTypes.addAll(Set.of(eventTypes));
            return this;
        }

        public Builder aggregateId(String aggregateId) {
            this.aggregateId = aggregateId;
            return this;
        }

        public Builder errorContains(String text) {
            this.errorContains = text;
            return this;
        }

        /** Entries last changed at or after {@code from}. */
        public Builder updatedFrom(Instant from) {
            this.updatedFrom = from;
            return this;
        }

        /** Entries last changed before {@code before}. */
        public Builder updatedBefore(Instant before) {
            this.updatedBefore = before;
            return this;
        }

        public EntryFilter build() {
            return new EntryFilter(
                    statuses,
                    handlers,
                    excludedHandlers,
                    eventTypes,
                    aggregateId,
                    errorContains,
                    updatedFrom,
                    updatedBefore);
        }
    }
}
