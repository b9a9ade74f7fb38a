package dev.eventqueue.jdbc.readme;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.AnswerUpdated;
import dev.eventqueue.example.domain.Attempt;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.jdbc.BoundTransaction;
import dev.eventqueue.jdbc.JdbcAuditLog;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.jdbc.SchemaScripts;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.readme.AttemptCreatedHandler;
import dev.eventqueue.readme.MailGateway;
import dev.eventqueue.readme.SubmissionMailHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/** The JDBC section's setup snippets, run by {@link JdbcReadmeTest}. */
final class JdbcSetupExample {

    private final DataSource dataSource;
    JdbcEventQueueRepository repository;
    JdbcAuditLog auditLog;
    EventDispatcher dispatcher;

    JdbcSetupExample(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(Set<String> answerSheets, MailGateway mail, EventQueueConfig config) {
        // tag::jdbc-setup[]
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .createSchema(true) // creates event_queue and its indexes unless they exist
                .build();
        JdbcAuditLog auditLog =
                JdbcAuditLog.builder(dataSource).createSchema(true).build();

        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .auditLog(auditLog)
                .eventType(AnswerUpdated.class) // read back here, named by no handler's class
                .handler(new AttemptCreatedHandler(answerSheets))
                .handler(new SubmissionMailHandler(mail))
                .build();
        dispatcher.start();
        // end::jdbc-setup[]
        this.repository = repository;
        this.auditLog = auditLog;
        this.dispatcher = dispatcher;
    }

    JdbcEventQueueRepository configuredRepository() {
        // tag::jdbc-builder[]
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName("event_queue") // or schema-qualified, "app.event_queue"; validated
                .dialect(Dialect.POSTGRESQL) // skip detection from the connection's metadata
                .createSchema(false) // the default: your migrations own the DDL
                .notifications(true) // the default: LISTEN/NOTIFY wake-ups on PostgreSQL
                .build();
        // end::jdbc-builder[]
        return repository;
    }

    JdbcEventQueueRepository deletingRepository() {
        // tag::jdbc-delete-completed[]
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .keepCompletedEntries(false) // a completion deletes its entry
                .build();
        // end::jdbc-delete-completed[]
        return repository;
    }

    static String postgresDdl() {
        // tag::jdbc-ddl[]
        String ddl = SchemaScripts.queueTable(Dialect.POSTGRESQL, "event_queue");
        String auditDdl = SchemaScripts.auditTable(Dialect.POSTGRESQL, "event_audit_log");
        // end::jdbc-ddl[]
        return ddl + auditDdl;
    }

    void saveOnMyOwnConnection(AttemptAggregate attempt, Credentials credentials) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // tag::jdbc-bind[]
            connection.setAutoCommit(false);
            try (BoundTransaction transaction = JdbcTransactions.bind(dataSource, connection)) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO attempts (id, status, seconds_spent) VALUES (?, ?, ?)")) {
                    Attempt state = attempt.snapshot();
                    insert.setString(1, state.id());
                    insert.setString(2, state.status().name());
                    insert.setLong(3, state.secondsSpent());
                    insert.executeUpdate();
                }
                attempt.publishAndClearDomainEvents(dispatcher, credentials);
                transaction.commit(); // commit, then wake the dispatcher and write the audit records
            }
            // end::jdbc-bind[]
        }
    }
}
