package dev.eventqueue.example.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An attempt's state as stored: what {@link AttemptAggregate} changes and a repository persists.
 *
 * @param answers     question id to answer, in the order first answered
 * @param submittedAt {@code null} while in progress
 */
public record Attempt(
        String id,
        String testId,
        String candidateId,
        int order,
        AttemptStatus status,
        Map<String, String> answers,
        Instant startedAt,
        Instant submittedAt,
        long secondsSpent) {

    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        answers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
    }
}
