package dev.eventqueue.bench.peer;

import dev.eventqueue.bench.harness.CallCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

/**
 * JobRunr: each job is a {@link NoOpRequest} carrying the payload, enqueued with
 * {@link JobRequestScheduler#enqueue(java.util.stream.Stream)} one publish batch at a time (one
 * JDBC batch insert per call, and no lambda analysis, unlike the lambda API), run by a
 * {@link BackgroundJobServer} on the same storage. A finished job stays in its table as
 * {@code SUCCEEDED}, so the run ends when every job ran and the storage counts all of them as
 * succeeded. Its tables live in a schema of their own, named by the table prefix, so that JobRunr's
 * check for existing tables sees no other schema.
 *
 * <p>Throughput settings: the shortest poll interval JobRunr accepts for a SQL storage (5 s; the
 * default is 15 s). The poll interval bounds only how soon idle workers look again: a worker that
 * finishes a job fetches the next enqueued ones at once.
 */
final class JobRunrPeer implements Peer {

    static final int WORKERS = 10;
    static final Duration POLL = Duration.ofSeconds(5);

    /** The job: the payload, and the handler that runs it. Public with a no-argument constructor for JSON. */
    public static final class NoOpRequest implements JobRequest {
        private String payload;

        public NoOpRequest() {}

        NoOpRequest(String payload) {
            this.payload = payload;
        }

        public String getPayload() {
            return payload;
        }

        @Override
        public Class<NoOpHandler> getJobRequestHandler() {
            return NoOpHandler.class;
        }
    }

    /** Counts each job it runs; the one instance of a run is handed to JobRunr by the job activator. */
    public static final class NoOpHandler implements JobRequestHandler<NoOpRequest> {
        private final CallCounter counter;

        NoOpHandler(CallCounter counter) {
            this.counter = counter;
        }

        @Override
        public void run(NoOpRequest request) {
            counter.started(null);
        }
    }

    @Override
    public String label() {
        return "JobRunr " + ArtifactVersion.of("org.jobrunr", "jobrunr");
    }

    @Override
    public String settings() {
        return "workerCount " + WORKERS + ", pollInterval " + POLL.toSeconds()
                + " s (the smallest for SQL storage), JobRequestScheduler.enqueue(Stream) of the publish batch, "
                + "Jackson3JsonMapper, pool of " + (WORKERS + 2);
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        try (PeerSchema schema = new PeerSchema("jrr", WORKERS + 2)) {
            CallCounter counter = new CallCounter(jobs);
            NoOpHandler handler = new NoOpHandler(counter);
            JsonMapper json = new Jackson3JsonMapper();
            PostgresStorageProvider storage =
                    new PostgresStorageProvider(schema.pool(), schema.name() + ".", DatabaseOptions.CREATE);
            try {
                storage.setJobMapper(new JobMapper(json));
                JobRequestScheduler scheduler = new JobRequestScheduler(storage);
                BackgroundJobServer server = new BackgroundJobServer(
                        storage,
                        json,
                        new ActivatorOf(handler),
                        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                .andName("bench-" + schema.name())
                                .andWorkerCount(WORKERS)
                                .andPollInterval(POLL));
                server.start();
                try {
                    awaitAnnounced(server);
                    return measure(jobs, batch, payload, counter, scheduler, storage);
                } finally {
                    server.stop();
                }
            } finally {
                storage.close();
            }
        }
    }

    private static double measure(
            long jobs,
            int batch,
            String payload,
            CallCounter counter,
            JobRequestScheduler scheduler,
            PostgresStorageProvider storage)
            throws Exception {
        long start = System.nanoTime();
        Thread publisher = new Thread(
                () -> {
                    List<NoOpRequest> requests = new ArrayList<>(batch);
                    for (long i = 0; i < jobs; i++) {
                        requests.add(new NoOpRequest(payload));
                        if (requests.size() == batch || i == jobs - 1) {
                            scheduler.enqueue(requests.stream());
                            requests = new ArrayList<>(batch);
                        }
                    }
                },
                "bench-jobrunr-publisher");
        publisher.start();
        counter.await(Duration.ofMinutes(10));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long succeeded;
        while ((succeeded = storage.countJobs(StateName.SUCCEEDED)) < jobs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + succeeded + " of " + jobs + " JobRunr jobs succeeded");
            }
            Thread.sleep(2);
        }
        double perSecond = jobs * 1e9 / (System.nanoTime() - start);
        publisher.join();
        return perSecond;
    }

    /** Waits until the server has announced itself in the storage, so that its start is not measured. */
    private static void awaitAnnounced(BackgroundJobServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.isAnnounced()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The JobRunr server did not start within 30 s");
            }
            Thread.sleep(2);
        }
    }

    /** Hands JobRunr the run's handler. */
    private record ActivatorOf(NoOpHandler handler) implements org.jobrunr.server.JobActivator {
        @Override
        public <T> T activateJob(Class<T> type) {
            return type.cast(handler);
        }
    }
}
