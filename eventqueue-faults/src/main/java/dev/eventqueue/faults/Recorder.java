package dev.eventqueue.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes one row per handler run into the deliveries table, so the counts come from what handlers
 * did, not from the queue's own bookkeeping. A write that fails (a killed connection, an exhausted
 * pool) is tried again under the same run id, and written only if the first try did not commit:
 * the record survives the faults it is meant to observe, and never counts one run twice.
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

    private static final int TRIES = 20;
    private static final long PAUSE_MILLIS = 250;

    private final DataSource dataSource;
    private final String insert;
    private final String exists;
    private final String worker;

    public Recorder(DataSource dataSource, String deliveriesTable, String worker) {
        this.dataSource = dataSource;
        this.insert = "INSERT INTO " + deliveriesTable
                + " (run_id, event_id, kind, worker, attempt, outcome) VALUES (?, ?, ?, ?, ?, ?)";
        this.exists = "SELECT COUNT(*) FROM " + deliveriesTable + " WHERE run_id = ?";
        this.worker = worker;
    }

    public void record(FaultEvent event, int attempt, String outcome) throws SQLException, InterruptedException {
        String run = UUID.randomUUID().toString();
        for (int tried = 1; ; tried++) {
            try (Connection connection = dataSource.getConnection()) {
                if (tried > 1 && written(connection, run)) {
                    return;
                }
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, run);
                    statement.setString(2, event.eventId().toString());
                    statement.setString(3, event.kind());
                    statement.setString(4, worker);
                    statement.setInt(5, attempt);
                    statement.setString(6, outcome);
                    statement.executeUpdate();
                    return;
                }
            } catch (SQLException e) {
                if (tried == TRIES) {
                    throw e;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        }
    }

    private boolean written(Connection connection, String run) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(exists)) {
            statement.setString(1, run);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
