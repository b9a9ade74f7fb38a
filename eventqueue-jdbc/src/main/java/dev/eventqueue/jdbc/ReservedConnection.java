package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection kept aside for lease renewals while a dispatcher of this JVM runs on the store.
 * Renewals must not queue behind the application for a pooled connection: when every pooled
 * connection is busy for longer than a lease, a renewal waiting for one would come too late,
 * other nodes would recover the entries and run them a second time. The connection is taken on
 * the first renewal and given back when the last dispatcher that announced itself here stops.
 * A statement that fails on it drops it and runs once more on a fresh connection, so a connection
 * the server closed costs one retry; a deadlock victim runs again on the same one.
 */
final class ReservedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ReservedConnection.class);
    private static final int MAX_ATTEMPTS = 3;

    private final SqlRunner runner;
    private final ReentrantLock lock = new ReentrantLock();
    /** Dispatchers of this JVM that announced themselves and have not left. */
    private final Set<String> owners = ConcurrentHashMap.newKeySet();
    /** Guarded by {@link #lock}. */
    private Connection held;

    ReservedConnection(SqlRunner runner) {
        this.runner = runner;
    }

    void ownerRunning(String owner) {
        owners.add(owner);
    }

    void ownerLeft(String owner) {
        if (owners.remove(owner) && owners.isEmpty()) {
            giveBack();
        }
    }

    /** Runs {@code work} on the kept connection; on a pooled one when no dispatcher of this JVM runs. */
    <T> T run(String action, SqlRunner.Work<T> work, boolean transactional) {
        if (owners.isEmpty()) {
            return transactional ? runner.transaction(action, work) : runner.write(action, work);
        }
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                boolean fresh = held == null;
                try {
                    if (held == null) {
                        held = runner.ownConnection();
                    }
                    return runner.runOn(held, work, transactional ? SqlRunner.Mode.TRANSACTION : SqlRunner.Mode.WRITE);
                } catch (SQLException e) {
                    if (SqlRunner.isDeadlock(e) && attempt < MAX_ATTEMPTS) {
                        continue; // the victim was rolled back as a whole; the connection is fine
                    }
                    drop();
                    if (fresh || attempt >= MAX_ATTEMPTS) {
                        throw runner.failure(action, e);
                    }
                    LOG.debug("The connection kept for lease renewals failed; retrying on a new one: {}", e.toString());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives the kept connection back (the store is closed, or no dispatcher runs here any more). */
    void giveBack() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }

    private void drop() {
        Connection connection = held;
        held = null;
        if (connection != null) {
            runner.releaseOwn(connection);
        }
    }
}
