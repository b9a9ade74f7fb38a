package dev.eventqueue.example.persistence;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import java.util.Optional;

/**
 * Stores attempts: saving writes the attempt and publishes
 * the events it recorded, together.
 */
public interface AttemptRepository {

    /**
     * Writes the attempt's state and publishes its recorded events as one unit: either both
     * happen or neither does. The aggregate's events are cleared only once both succeeded, so
     * a failed save can be repeated.
     *
     * @param credentials who made the change, travels with the events; may be {@code null}
     */
    void save(AttemptAggregate attempt, Credentials credentials);

    Optional<Attempt> findById(String attemptId);
}
