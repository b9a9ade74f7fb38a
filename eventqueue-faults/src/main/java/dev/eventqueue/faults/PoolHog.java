package dev.eventqueue.faults;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exhausts a worker's pool: takes every connection it can get, holds them, gives them back. */
final class PoolHog {

    private static final Logger LOG = LoggerFactory.getLogger(PoolHog.class);

    private final HikariDataSource pool;
    private final int size;

    PoolHog(HikariDataSource pool, int size) {
        this.pool = pool;
        this.size = size;
    }

    void holdAll(Duration hold) {
        List<Connection> held = new ArrayList<>(size);
        long deadline = System.nanoTime() + hold.toNanos();
        try {
            while (held.size() < size && System.nanoTime() < deadline) {
                try {
                    held.add(pool.getConnection());
                } catch (SQLException timedOut) {
                    // A connection the dispatcher keeps for long (a notification listener): hold the rest.
                    break;
                }
            }
            LOG.warn("Holding {} of {} pool connections for {} ms", held.size(), size, hold.toMillis());
            long left = deadline - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Connection connection : held) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Back to the pool or broken: either way no longer held.
                }
            }
        }
    }
}
