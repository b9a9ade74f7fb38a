package dev.eventqueue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums a PostgreSQL queue table after every so many finished entries. A claim and a completion
 * each leave the entry's former row version behind, and the claim index points at the pending
 * ones until a vacuum removes them: every later claim walks past them, so claims slow down as
 * they pile up. Autovacuum looks at a table at most once a minute and only after a fifth of it
 * changed, which for a busy queue table is hundreds of thousands of versions too late.
 *
 * <p>The vacuum runs on a thread of its own, so dispatching never waits for it; one node at a time
 * vacuums a table (an advisory lock), and a table locked by another vacuum is skipped, not waited
 * for. A user who does not own the table cannot vacuum it: the store says so once and stops trying.
 */
final class TableVacuums implements AutoCloseable {

    /** No node vacuums one table more often than this, whatever its rate. */
    static final long MINIMUM_GAP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final Logger LOG = LoggerFactory.getLogger(TableVacuums.class);
    /** The rights VACUUM checks before PostgreSQL 17: owning the table or the database, or being a superuser. */
    private static final String MAY_VACUUM = "SELECT pg_has_role(c.relowner, 'USAGE')"
            + " OR pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE')"
            + " FROM pg_class c WHERE c.oid = to_regclass(?)";

    private final SqlRunner runner;
    private final TableName table;
    private final VacuumSchedule schedule;
    private final ExecutorService thread;
    private final AtomicBoolean running = new AtomicBoolean();
    private final long lockKey;
    /** The VACUUM under way, cancelled when the repository closes. */
    private volatile Statement current;

    private volatile boolean closed;
    private volatile boolean checkedRights;
    private volatile boolean refused;
    private volatile long completedVacuums;

    TableVacuums(SqlRunner runner, TableName table, long entriesBetween) {
        this.runner = runner;
        this.table = table;
        this.schedule = new VacuumSchedule(entriesBetween, MINIMUM_GAP_NANOS);
        this.lockKey = table.advisoryLockKey(0x7ac0);
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread vacuums = new Thread(task, "eventqueue-vacuum-" + table.name());
            vacuums.setDaemon(true); // a vacuum under way must not keep the application from exiting
            return vacuums;
        });
    }

    /** Counts entries that finished (completed, deleted); starts a vacuum when one is due and none runs. */
    void finished(int entries) {
        if (entries <= 0 || refused || !schedule.finished(entries, System.nanoTime())) {
            return;
        }
        if (running.compareAndSet(false, true)) {
            try {
                thread.execute(this::vacuum);
            } catch (RejectedExecutionException afterClose) {
                running.set(false);
            }
        }
    }

    boolean refused() {
        return refused;
    }

    /** How many vacuums this node finished. */
    long completedVacuums() {
        return completedVacuums;
    }

    private void vacuum() {
        Connection connection = null;
        try {
            connection = runner.ownConnection();
            if (!checkedRights && !mayVacuum(connection)) {
                refused = true;
                LOG.warn(
                        "The database user may not vacuum the event queue table {} (it neither owns the table nor"
                                + " the database), so the store will not vacuum it; make sure autovacuum does,"
                                + " often, or turn this off with vacuumAfter(0)",
                        table.qualified());
                return;
            }
            checkedRights = true;
            vacuumUnderLock(connection);
        } catch (SQLException | RuntimeException e) {
            if (closed) {
                LOG.debug("Vacuum of {} stopped at close: {}", table.qualified(), e.getMessage());
            } else {
                LOG.warn("Could not vacuum the event queue table {}: {}", table.qualified(), e.getMessage());
            }
        } finally {
            if (connection != null) {
                runner.releaseOwn(connection);
            }
            running.set(false);
        }
    }

    private boolean mayVacuum(Connection connection) throws SQLException {
        return SqlRunner.queryBoolean(connection, MAY_VACUUM, table.qualified());
    }

    private void vacuumUnderLock(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
        }
        try {
            if (!tryLock(connection)) {
                LOG.debug("Another node vacuums {} now", table.qualified());
                return;
            }
            try (Statement vacuum = connection.createStatement()) {
                current = vacuum;
                if (closed) {
                    return;
                }
                long start = System.nanoTime();
                // INDEX_CLEANUP ON: the index entries are what slows the claims, and PostgreSQL
                // would skip them when few heap pages hold dead versions.
                vacuum.execute("VACUUM (SKIP_LOCKED, INDEX_CLEANUP ON) " + table.qualified());
                SQLWarning skipped = vacuum.getWarnings();
                if (skipped != null) {
                    LOG.debug("Vacuum of {} skipped: {}", table.qualified(), skipped.getMessage());
                } else {
                    completedVacuums++;
                    LOG.debug(
                            "Vacuumed {} in {} ms",
                            table.qualified(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            } finally {
                current = null;
                unlock(connection);
            }
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        return SqlRunner.queryBoolean(connection, "SELECT pg_try_advisory_lock(?)", lockKey);
    }

    private void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, lockKey);
            unlock.execute();
        }
    }

    /** Starts no more vacuums and cancels one under way, so that it does not outlive the application's pool. */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        Statement running = current;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException e) {
                LOG.debug("Could not cancel the vacuum of {}: {}", table.qualified(), e.getMessage());
            }
        }
    }
}
