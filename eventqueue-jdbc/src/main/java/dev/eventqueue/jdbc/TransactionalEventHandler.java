package dev.eventqueue.jdbc;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandler;
import java.sql.Connection;

/**
 * A handler whose database work happens exactly once: the JDBC store runs
 * {@link #handle(DomainEvent, Connection)} inside a transaction on its own {@code DataSource} and
 * marks the entry completed in that same transaction. If the process dies at any instant, either
 * both the handler's writes and the completion are committed, or neither is and the entry runs
 * again; a run whose claim was lost meanwhile (its lease expired and another node took the entry)
 * is rolled back. Events the handler publishes through a dispatcher on the same {@code DataSource}
 * join the transaction too.
 *
 * <p>Write only to the store's database through {@code connection}, and do not commit, roll back
 * or close it. Work outside the database (e-mails, HTTP calls) is still at least once. An
 * exception rolls the transaction back and fails the attempt, which is retried as usual. Keep
 * calls short: the transaction stays open while the handler runs.
 *
 * <p>Only a {@link JdbcEventQueueRepository} built on a {@code DataSource} runs these handlers;
 * on another store every attempt fails with an error saying so.
 *
 * @param <E> the event type this handler accepts
 */
public interface TransactionalEventHandler<E extends DomainEvent> extends EventHandler<E> {

    /** Handles the event inside the transaction that will complete its entry. */
    void handle(E event, Connection connection) throws Exception;

    /** Runs {@link #handle(DomainEvent, Connection)} on the transaction the JDBC store opened for this call. */
    @Override
    default void deliver(E event) throws Exception {
        handle(event, TransactionalCalls.currentConnection(getName()));
    }
}
