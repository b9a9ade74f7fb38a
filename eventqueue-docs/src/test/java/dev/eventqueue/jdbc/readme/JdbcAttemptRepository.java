package dev.eventqueue.jdbc.readme;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.jdbc.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

// tag::jdbc-repository[]
public class JdbcAttemptRepository {

    private final DataSource dataSource; // the same DataSource instance the queue repository uses
    private final EventPublisher publisher;

    public JdbcAttemptRepository(DataSource dataSource, EventPublisher publisher) {
        this.dataSource = dataSource;
        this.publisher = publisher;
    }

    public void save(AttemptAggregate attempt, Credentials credentials) throws SQLException {
        JdbcTransactions.inTransaction(dataSource, connection -> {
            // Your existing save logic, on the transaction's connection
            Attempt state = attempt.snapshot();
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE attempts SET status = ?, seconds_spent = ? WHERE id = ?")) {
                update.setString(1, state.status().name());
                update.setLong(2, state.secondsSpent());
                update.setString(3, state.id());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO attempts (id, status, seconds_spent) VALUES (?, ?, ?)")) {
                        insert.setString(1, state.id());
                        insert.setString(2, state.status().name());
                        insert.setLong(3, state.secondsSpent());
                        insert.executeUpdate();
                    }
                }
            }
            // NEW: the events join this transaction; the attempt and its queue entries
            // commit together or not at all, and handlers run only after the commit
            attempt.publishAndClearDomainEvents(publisher, credentials);
        });
    }
}
// end::jdbc-repository[]
