package dev.eventqueue.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Writes one row per handler run into the deliveries table, in its own short transaction, so the
 * counts come from what handlers did, not from the queue's own bookkeeping.
 */
public final class Recorder {

    /** Outcome of a run that succeeded. */
    public static final String OK = "ok";
    /** Outcome of a run that threw on purpose. */
    public static final String FAIL = "fail";
    /** A run that started and will hang. */
    public static final String HANG = "hang";
    /** {@code onFailure} ran: the entry failed for good. */
    public static final String GAVE_UP = "gave_up";

    private final DataSource dataSource;
    private final String insert;
    private final String worker;

    public Recorder(DataSource dataSource, String deliveriesTable, String worker) {
        this.dataSource = dataSource;
        this.insert =
                "INSERT INTO " + deliveriesTable + " (event_id, kind, worker, attempt, outcome) VALUES (?, ?, ?, ?, ?)";
        this.worker = worker;
    }

    public void record(FaultEvent event, int attempt, String outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, event.eventId().toString());
            statement.setString(2, event.kind());
            statement.setString(3, worker);
            statement.setInt(4, attempt);
            statement.setString(5, outcome);
            statement.executeUpdate();
        }
    }
}
