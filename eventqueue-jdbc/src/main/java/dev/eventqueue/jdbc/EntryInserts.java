package dev.eventqueue.jdbc;

import dev.eventqueue.queue.NewQueueEntry;
import java.util.List;

/** How a dialect writes the entries of one publish, atomically, skipping pairs that exist. */
interface EntryInserts {

    /**
     * Inserts the entries (with {@code payloads}, their serialized events, at the same indexes).
     *
     * @param notifyChannel the channel to notify of the new entries in the same statement, or
     *     {@code null} for none; a strategy whose database cannot notify is never given one
     * @return how many entries were inserted
     */
    int insert(List<NewQueueEntry> entries, List<String> payloads, String notifyChannel);

    /**
     * PostgreSQL: one statement that inserts and notifies, atomic on its own; a large publish goes
     * by COPY when the driver's copy API is at hand.
     */
    final class Arrays implements EntryInserts {

        /** Whether PostgreSQL's driver, whose copy API large publishes use, is on the classpath. */
        private static final boolean COPY_AVAILABLE = PgNotificationListener.driverPresent();

        private final EntryWriter writer;
        private final SqlRunner runner;

        Arrays(EntryWriter writer, SqlRunner runner) {
            this.writer = writer;
            this.runner = runner;
        }

        @Override
        public int insert(List<NewQueueEntry> entries, List<String> payloads, String notifyChannel) {
            String action = "enqueue " + entries.size() + " entries";
            if (COPY_AVAILABLE && entries.size() >= CopyInsert.MIN_ENTRIES) {
                // In the caller's transaction: under a savepoint; on a connection of its own: COPY alone.
                return runner.write(
                        action,
                        connection -> CopyInsert.usable(connection)
                                ? writer.insertCopy(connection, entries, payloads, notifyChannel)
                                : writer.insertArrays(connection, entries, payloads, notifyChannel));
            }
            return runner.write(
                    action, connection -> writer.insertArrays(connection, entries, payloads, notifyChannel));
        }
    }

    /**
     * Other databases: statements of {@code rowsPerStatement} rows each (1: one statement per row,
     * sent as a JDBC batch), in one transaction.
     */
    final class Rows implements EntryInserts {

        private final EntryWriter writer;
        private final SqlRunner runner;
        private final int rowsPerStatement;

        Rows(EntryWriter writer, SqlRunner runner, int rowsPerStatement) {
            this.writer = writer;
            this.runner = runner;
            this.rowsPerStatement = rowsPerStatement;
        }

        @Override
        public int insert(List<NewQueueEntry> entries, List<String> payloads, String notifyChannel) {
            String action = "enqueue " + entries.size() + " entries";
            SqlRunner.Work<Integer> work = connection -> writer.insert(connection, entries, payloads, rowsPerStatement);
            // One statement is atomic by itself: in auto-commit it saves the transaction's round trips.
            boolean oneStatement = rowsPerStatement > 1 ? entries.size() <= rowsPerStatement : entries.size() == 1;
            return oneStatement ? runner.write(action, work) : runner.transaction(action, work);
        }
    }
}
