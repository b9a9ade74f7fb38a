package dev.eventqueue.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.eventqueue.bench.harness.CallCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler: one one-time task whose instances carry the payload; a finished one-time task is
 * deleted, so the run ends when the table is empty. Throughput settings from its documentation:
 * the lock-and-fetch poll (PostgreSQL's {@code SKIP LOCKED}), which fetches up to
 * {@code threads × 4} due executions per poll and polls again as soon as fewer than
 * {@code threads} are queued, and a short polling interval.
 */
final class DbSchedulerPeer implements Peer {

    static final int THREADS = 10;
    static final Duration POLL = Duration.ofMillis(100);

    // The table as db-scheduler's PostgreSQL setup describes it; created here because the library leaves it to users.
    private static final String TABLE = """
            CREATE TABLE ${schema}.scheduled_tasks (
                task_name            TEXT        NOT NULL,
                task_instance        TEXT        NOT NULL,
                task_data            BYTEA,
                execution_time       TIMESTAMPTZ NOT NULL,
                picked               BOOLEAN     NOT NULL,
                picked_by            TEXT,
                last_success         TIMESTAMPTZ,
                last_failure         TIMESTAMPTZ,
                consecutive_failures INT,
                last_heartbeat       TIMESTAMPTZ,
                version              BIGINT      NOT NULL,
                priority             SMALLINT,
                PRIMARY KEY (task_name, task_instance))""";

    @Override
    public String label() {
        return "db-scheduler " + ArtifactVersion.of("com.github.kagkarlsson", "db-scheduler");
    }

    @Override
    public String settings() {
        return "threads " + THREADS + ", pollUsingLockAndFetch(1.0, 4.0), pollingInterval " + POLL.toMillis()
                + " ms, scheduleBatch of the publish batch, pool of " + (THREADS + 2);
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        try (PeerSchema schema = new PeerSchema("dbs", THREADS + 2)) {
            schema.execute(TABLE);
            schema.execute("CREATE INDEX ON ${schema}.scheduled_tasks (execution_time)");
            schema.execute("CREATE INDEX ON ${schema}.scheduled_tasks (last_heartbeat)");
            CallCounter counter = new CallCounter(jobs);
            OneTimeTask<String> task =
                    Tasks.oneTime("bench-noop", String.class).execute((instance, context) -> counter.started(null));
            Scheduler scheduler = Scheduler.create(schema.pool(), task)
                    .threads(THREADS)
                    .pollingInterval(POLL)
                    .pollUsingLockAndFetch(1.0, 4.0)
                    .build();
            scheduler.start();
            try {
                long start = System.nanoTime();
                Thread publisher = new Thread(
                        () -> {
                            List<TaskInstance<?>> instances = new ArrayList<>(batch);
                            for (long i = 0; i < jobs; i++) {
                                instances.add(task.instance("job-" + i, payload));
                                if (instances.size() == batch || i == jobs - 1) {
                                    scheduler.scheduleBatch(instances, Instant.now());
                                    instances = new ArrayList<>(batch);
                                }
                            }
                        },
                        "bench-dbs-publisher");
                publisher.start();
                counter.await(Duration.ofMinutes(10));
                while (schema.count("scheduled_tasks") > 0) {
                    Thread.sleep(2);
                }
                double perSecond = jobs * 1e9 / (System.nanoTime() - start);
                publisher.join();
                return perSecond;
            } finally {
                scheduler.stop();
            }
        }
    }
}
