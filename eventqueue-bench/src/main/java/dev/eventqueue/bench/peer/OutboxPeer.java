package dev.eventqueue.bench.peer;

import com.gruelbox.transactionoutbox.DefaultPersistor;
import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.ThreadLocalContextTransactionManager;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import dev.eventqueue.bench.harness.CallCounter;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * transaction-outbox: each job is a scheduled call of {@link NoOpWork#run(String)}, written in the
 * publisher's transaction (one transaction per publish batch, as eventqueue's publishAll); at
 * commit the library hands every new entry to its submitter's executor, which runs it and deletes
 * the entry. The run ends when every call ran and the outbox table is empty.
 */
final class OutboxPeer implements Peer {

    static final int THREADS = 4;

    /** The scheduled work; public and non-final because the library proxies it. */
    public static class NoOpWork {
        private final CallCounter counter;

        public NoOpWork() {
            this(null);
        }

        NoOpWork(CallCounter counter) {
            this.counter = counter;
        }

        public void run(String payload) {
            counter.started(null);
        }
    }

    @Override
    public String label() {
        return "transaction-outbox " + ArtifactVersion.of("com.gruelbox", "transactionoutbox-core");
    }

    @Override
    public String settings() {
        return "submitter on a fixed executor of " + THREADS
                + " threads (entries run right after the publishing commit), one transaction per publish batch, "
                + "default persistor for PostgreSQL, pool of " + (THREADS + 2);
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try (PeerSchema schema = new PeerSchema("txo", THREADS + 2)) {
            CallCounter counter = new CallCounter(jobs);
            NoOpWork work = new NoOpWork(counter);
            ThreadLocalContextTransactionManager transactions = TransactionManager.fromDataSource(schema.pool());
            TransactionOutbox outbox = TransactionOutbox.builder()
                    .transactionManager(transactions)
                    .persistor(DefaultPersistor.builder()
                            .dialect(Dialect.POSTGRESQL_9)
                            .migrate(true)
                            .build())
                    .instantiator(Instantiator.using(type -> work))
                    .submitter(Submitter.withExecutor(executor))
                    .build();
            outbox.initialize();
            long start = System.nanoTime();
            Thread publisher = new Thread(
                    () -> {
                        for (long from = 0; from < jobs; from += batch) {
                            long count = Math.min(batch, jobs - from);
                            transactions.inTransaction(() -> {
                                for (long i = 0; i < count; i++) {
                                    outbox.schedule(NoOpWork.class).run(payload);
                                }
                            });
                        }
                    },
                    "bench-txo-publisher");
            publisher.start();
            counter.await(Duration.ofMinutes(10));
            while (schema.count("txno_outbox") > 0) {
                Thread.sleep(2);
            }
            double perSecond = jobs * 1e9 / (System.nanoTime() - start);
            publisher.join();
            return perSecond;
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
