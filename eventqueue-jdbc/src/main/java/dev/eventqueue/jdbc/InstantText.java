package dev.eventqueue.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as PostgreSQL's array and COPY publishes send them: ISO-8601 in UTC, truncated to
 * microseconds as every other write of an instant is. The entries of one publish share their
 * creation time, so an instance keeps the last text it made.
 */
final class InstantText {

    private Instant last;
    private String text;

    /** The text of {@code instant}, made again only when it differs from the last one asked. */
    String of(Instant instant) {
        if (!instant.equals(last)) {
            last = instant;
            text = micros(instant);
        }
        return text;
    }

    /** The text of {@code instant}, or null for none. */
    static String micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
