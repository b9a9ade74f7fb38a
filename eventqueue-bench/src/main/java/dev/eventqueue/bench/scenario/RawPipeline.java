package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.store.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The three steps of the raw reference, each on a connection of its own. */
final class RawPipeline {

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private static final List<UUID> END = List.of();

    private final Database database;
    private final DataSource dataSource;
    private final String table;
    private final String payload;
    private final int claimBatch;
    private final String owner = "raw-" + UUID.randomUUID();

    RawPipeline(Database database, DataSource dataSource, String table, String payload, int claimBatch) {
        this.database = database;
        this.dataSource = dataSource;
        this.table = table;
        this.payload = payload;
        this.claimBatch = claimBatch;
    }

    void insertAll(long rows, int batch) throws SQLException {
        if (database == Database.POSTGRESQL) {
            insertArrays(rows, batch);
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            PreparedStatement full = connection.prepareStatement(RawSql.insert(table, batch));
            for (long done = 0; done < rows; ) {
                int size = (int) Math.min(batch, rows - done);
                PreparedStatement insert =
                        size == batch ? full : connection.prepareStatement(RawSql.insert(table, size));
                Timestamp now = Timestamp.from(Instant.now());
                int index = 1;
                for (int i = 0; i < size; i++) {
                    index = bindRow(insert, index, now);
                }
                retryingDeadlocks(insert::executeUpdate);
                if (insert != full) {
                    insert.close();
                }
                done += size;
            }
            full.close();
        }
    }

    /** PostgreSQL: each batch as one insert of column arrays, as the repository writes a publish. */
    private void insertArrays(long rows, int batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RawSql.insertArrays(table))) {
            connection.setAutoCommit(true);
            for (long done = 0; done < rows; ) {
                int size = (int) Math.min(batch, rows - done);
                String now = Instant.now().toString();
                Object[][] columns = new Object[RawSql.COLUMN_COUNT][size];
                for (int i = 0; i < size; i++) {
                    Object[] row = {
                        randomUuid(),
                        randomUuid(),
                        "BenchEvent",
                        payload,
                        null,
                        RawReferenceCase.HANDLER,
                        4,
                        100,
                        false,
                        now,
                        now
                    };
                    for (int c = 0; c < row.length; c++) {
                        columns[c][i] = row[c];
                    }
                }
                String[] types = {
                    "uuid", "uuid", "varchar", "text", "varchar", "varchar", "int4", "int4", "bool", "text", "text"
                };
                for (int c = 0; c < types.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                }
                insert.executeUpdate();
                done += size;
            }
        }
    }

    /**
     * PostgreSQL: each batch as one {@code COPY ... FROM STDIN} in text format straight into the
     * table, every column the repository writes, values as it writes them; no duplicate check. The
     * reference for the publish rate of the COPY path.
     */
    void copyAll(long rows, int batch) throws SQLException {
        String copy = "COPY " + table + " (id, event_id, event_type, event_version, event_data, aggregate_id, "
                + "ordering_key, handler_name, max_attempts, priority, is_background, next_retry_at, created_at, "
                + "updated_at, credentials_user_id, credentials_role, headers) FROM STDIN";
        String escapedPayload = payload.replace("\\", "\\\\");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            CopyManager copier = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder text = new StringBuilder();
            for (long done = 0; done < rows; ) {
                int size = (int) Math.min(batch, rows - done);
                String now = Instant.now().toString();
                text.setLength(0);
                for (int i = 0; i < size; i++) {
                    text.append(randomUuid()).append('\t').append(randomUuid()).append("\tBenchEvent\t1\t");
                    text.append(escapedPayload).append("\t\\N\t\\N\t").append(RawReferenceCase.HANDLER);
                    text.append("\t4\t100\tf\t\\N\t").append(now).append('\t').append(now);
                    text.append("\t\\N\t\\N\t\\N\n");
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copier.copyIn(copy, new ByteArrayInputStream(bytes));
                done += size;
            }
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    /** MariaDB may pick the inserter or the claimer as a deadlock victim; a careful client tries again. */
    private static <T> T retryingDeadlocks(Sql<T> statement) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return statement.run();
            } catch (SQLException e) {
                if (attempt >= 10 || !"40001".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private int bindRow(PreparedStatement insert, int index, Timestamp now) throws SQLException {
        setUuid(insert, index++, randomUuid());
        setUuid(insert, index++, randomUuid());
        insert.setString(index++, "BenchEvent");
        insert.setString(index++, payload);
        insert.setString(index++, null);
        insert.setString(index++, RawReferenceCase.HANDLER);
        insert.setInt(index++, 4);
        insert.setInt(index++, 100);
        insert.setBoolean(index++, false);
        insert.setTimestamp(index++, now);
        insert.setTimestamp(index++, now);
        return index;
    }

    /** Claims until {@code rows} are claimed, handing each batch's ids to the completer. */
    void claimAll(long rows, BlockingQueue<List<UUID>> claimed, AtomicReference<Throwable> failure) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long total = 0;
            while (total < rows && failure.get() == null) {
                List<UUID> ids = database == Database.POSTGRESQL
                        ? claimReturning(connection)
                        : retryingDeadlocks(() -> claimLockThenUpdate(connection));
                if (ids.isEmpty()) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // the inserter is behind
                    continue;
                }
                total += ids.size();
                claimed.put(ids);
            }
        } finally {
            claimed.put(END);
        }
    }

    /** The settings and the claim as two statements of one implicit transaction: one round trip, as the repository does. */
    private List<UUID> claimReturning(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement claim =
                connection.prepareStatement(RawSql.CLAIM_SETTINGS + ";\n" + RawSql.claimReturning(table))) {
            Timestamp now = Timestamp.from(Instant.now());
            claim.setString(1, RawReferenceCase.HANDLER);
            claim.setTimestamp(2, now);
            claim.setInt(3, claimBatch);
            claim.setString(4, owner);
            claim.setTimestamp(5, Timestamp.from(now.toInstant().plusSeconds(30)));
            claim.setTimestamp(6, now);
            claim.execute();
            claim.getMoreResults();
            List<UUID> ids = new ArrayList<>(claimBatch);
            try (ResultSet result = claim.getResultSet()) {
                while (result.next()) {
                    ids.add(getUuid(result));
                    if (result.getString(2) == null) {
                        throw new IllegalStateException("claimed a row without payload");
                    }
                }
            }
            return ids;
        }
    }

    private List<UUID> claimLockThenUpdate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            List<UUID> ids = new ArrayList<>(claimBatch);
            List<Long> seqs = new ArrayList<>(claimBatch);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement select = connection.prepareStatement(RawSql.claimSelect(table, database))) {
                select.setString(1, RawReferenceCase.HANDLER);
                select.setTimestamp(2, now);
                select.setInt(3, claimBatch);
                readClaimed(select, ids, seqs);
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement update =
                        connection.prepareStatement(RawSql.claimUpdate(table, ids.size(), database))) {
                    update.setString(1, owner);
                    update.setTimestamp(2, Timestamp.from(now.toInstant().plusSeconds(30)));
                    update.setTimestamp(3, now);
                    int index = 4;
                    for (int i = 0; i < ids.size(); i++) {
                        if (database == Database.MARIADB) {
                            update.setLong(index++, seqs.get(i));
                        } else {
                            setUuid(update, index++, ids.get(i));
                        }
                    }
                    update.executeUpdate();
                }
            }
            connection.commit();
            return ids;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Reads each locked row's id and primary key, and its payload, as a worker must. */
    private void readClaimed(PreparedStatement claim, List<UUID> ids, List<Long> seqs) throws SQLException {
        try (ResultSet result = claim.executeQuery()) {
            while (result.next()) {
                ids.add(getUuid(result));
                if (result.getString(2) == null) {
                    throw new IllegalStateException("claimed a row without payload");
                }
                seqs.add(result.getLong(3));
            }
        }
    }

    /** Marks claimed batches completed until {@code rows} are done or a step failed. */
    void completeAll(long rows, BlockingQueue<List<UUID>> claimed, AtomicReference<Throwable> failure)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long done = 0;
            while (done < rows && failure.get() == null) {
                List<UUID> ids = claimed.poll(100, TimeUnit.MILLISECONDS);
                if (ids == null) {
                    continue;
                }
                if (ids == END) {
                    break;
                }
                // Take what else is waiting too, as the queue's completion writer does.
                List<List<UUID>> more = new ArrayList<>();
                claimed.drainTo(more);
                List<UUID> batch = new ArrayList<>(ids);
                boolean ended = false;
                for (List<UUID> next : more) {
                    if (next == END) {
                        ended = true;
                    } else {
                        batch.addAll(next);
                    }
                }
                done += retryingDeadlocks(() -> complete(connection, batch));
                if (ended) {
                    break;
                }
            }
            if (done < rows && failure.get() == null) {
                throw new IllegalStateException("Completed only " + done + " of " + rows + " rows");
            }
        }
    }

    private int complete(Connection connection, List<UUID> ids) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        if (database == Database.POSTGRESQL) {
            try (PreparedStatement update = connection.prepareStatement(RawSql.completeAny(table))) {
                update.setTimestamp(1, now);
                Array array = connection.createArrayOf("uuid", ids.toArray());
                update.setArray(2, array);
                return update.executeUpdate();
            }
        }
        try (PreparedStatement update = connection.prepareStatement(RawSql.completeIn(table, ids.size()))) {
            update.setTimestamp(1, now);
            int index = 2;
            for (UUID id : ids) {
                setUuid(update, index++, id);
            }
            return update.executeUpdate();
        }
    }

    private void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        if (database == Database.MARIADB) {
            statement.setString(index, id.toString());
        } else {
            statement.setObject(index, id);
        }
    }

    private UUID getUuid(ResultSet result) throws SQLException {
        return database == Database.MARIADB ? UUID.fromString(result.getString(1)) : result.getObject(1, UUID.class);
    }

    private static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }
}
