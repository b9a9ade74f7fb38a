package dev.eventqueue.docs.readme;

// tag::readme-postgres[]
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

public class PostgresQuickStart {

    public static class AttemptSubmitted extends AbstractDomainEvent {
        private final String attemptId;
        private final int score;

        public AttemptSubmitted(String attemptId, int score) {
            this(null, null, attemptId, score);
        }

        // The store reads events back through this constructor; the annotations name its
        // parameters, so it works whether or not the build uses -parameters.
        @JsonCreator
        public AttemptSubmitted(
                @JsonProperty("eventId") UUID eventId,
                @JsonProperty("occurredAt") Instant occurredAt,
                @JsonProperty("attemptId") String attemptId,
                @JsonProperty("score") int score) {
            super(eventId, occurredAt);
            this.attemptId = attemptId;
            this.score = score;
        }

        public String getAttemptId() {
            return attemptId;
        }

        public int getScore() {
            return score;
        }
    }

    public static class MailResult extends EventHandlerBase<AttemptSubmitted> {
        private final CountDownLatch done;

        public MailResult(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void handle(AttemptSubmitted event) {
            System.out.println("Mailing score " + event.getScore() + " of " + event.getAttemptId());
            done.countDown();
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof AttemptSubmitted;
        }
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource(); // in production: a pool such as HikariCP
        dataSource.setURL(System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres"));
        dataSource.setUser(System.getenv().getOrDefault("DATABASE_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("DATABASE_PASSWORD", ""));
        run(dataSource);
    }

    static void run(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS attempts (id VARCHAR(64) PRIMARY KEY, score INT NOT NULL)");
        }
        JdbcEventQueueRepository queue = JdbcEventQueueRepository.builder(dataSource)
                .createSchema(true) // creates the event_queue table unless it exists
                .build();
        CountDownLatch mailed = new CountDownLatch(1);
        EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(queue)
                .handler(new MailResult(mailed))
                .build();
        dispatcher.start();
        try {
            String attemptId = UUID.randomUUID().toString();
            // The outbox: the row and the queue entry commit together, or neither does.
            JdbcTransactions.inTransaction(dataSource, connection -> {
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO attempts (id, score) VALUES (?, ?)")) {
                    insert.setString(1, attemptId);
                    insert.setInt(2, 87);
                    insert.executeUpdate();
                }
                dispatcher.publish(new AttemptSubmitted(attemptId, 87), new Credentials("grader-1", "GRADER"));
            });

            // The dispatcher's threads are daemons: keep main alive until the work is done.
            if (!mailed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not mailed in time: " + dispatcher.getStats());
            }
        } finally {
            dispatcher.stop();
            queue.close();
        }
    }
}
// end::readme-postgres[]
