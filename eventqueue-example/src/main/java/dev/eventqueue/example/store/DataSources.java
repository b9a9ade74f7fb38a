package dev.eventqueue.example.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** Connection pools for the demo and the CLI. */
public final class DataSources {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private DataSources() {}

    /**
     * A pool of up to {@code maxConnections}. Call after {@link DatabaseProbe#connect} succeeded,
     * so that connection problems have already been reported in plain words.
     */
    public static HikariDataSource pool(DatabaseSettings settings, int maxConnections, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }
}
