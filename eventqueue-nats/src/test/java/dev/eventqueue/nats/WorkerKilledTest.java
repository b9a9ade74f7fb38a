package dev.eventqueue.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.NatsTestServers;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker in another JVM runs handlers on the JetStream store and is killed with SIGKILL while
 * several runs are in flight; a dispatcher in this JVM takes the entries over once the killed
 * worker's leases lapsed. Every event is handled (lost = 0), and only the runs in flight at the
 * kill may run again. On one server: on nats-server 2.9.10 a cluster's compare-and-set race adds
 * duplicates of its own (docs/SCALING.md, "Supported servers").
 */
class WorkerKilledTest {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerKilledTest.class);
    private static final int EVENTS = 200;
    private static final Duration LEASE = Duration.ofSeconds(2);

    @Test
    void workerKilledMidRunLosesNoEventAndRepeatsOnlyRunsInFlight() throws Exception {
        String prefix = "wk" + UUID.randomUUID().toString().substring(0, 8);
        Path log = Files.createTempFile("nats-worker-", ".log");
        Map<UUID, AtomicInteger> runsHere = new ConcurrentHashMap<>();
        ScriptedHandler handler = ScriptedHandler.named(RecordingWorker.HANDLER)
                .types(RecordingWorker.TYPE)
                .onHandle((event, context) -> runsHere.computeIfAbsent(event.getEventId(), id -> new AtomicInteger())
                        .incrementAndGet());
        Process worker = null;
        try (NatsTestServers servers = NatsTestServers.single();
                NatsEventQueueRepository store = NatsEventQueueRepository.builder(servers.url())
                        .bucketPrefix(prefix)
                        .build();
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(EventQueueConfig.builder()
                                .processingInterval(Duration.ofMillis(20))
                                .backgroundInterval(Duration.ofMillis(200))
                                .leaseDuration(LEASE)
                                .maxConcurrent(8)
                                .batchSize(8)
                                .shutdownTimeout(Duration.ofSeconds(5))
                                .build())
                        .repository(store)
                        .handler(handler)
                        .eventType(RecordingWorker.TYPE, TestEvent.class)
                        .build()) {
            // Published from this JVM while its dispatcher is not started: only the worker runs them.
            // All before the worker starts, so that however slowly this JVM publishes, the worker
            // cannot have run them all by the time it is killed.
            List<TestEvent> published = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                TestEvent event = TestEvent.of(RecordingWorker.TYPE, i);
                dispatcher.publish(event, null);
                published.add(event);
            }
            WorkerOutput output = new WorkerOutput();
            worker = startWorker(servers.url(), prefix, log, output);
            Process started = worker;
            await().atMost(Duration.ofSeconds(60)).until(() -> output.ready || !started.isAlive());
            assertThat(output.ready).as("worker ready (its log: %s)", log).isTrue();

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> output.doneCount() >= EVENTS / 4);
            worker.destroyForcibly(); // SIGKILL: no shutdown, no release of its claims
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            output.awaitEnd();

            Map<UUID, Integer> startedThere = output.started();
            Set<UUID> doneThere = output.done();
            // In flight: started there and not recorded as completed; this counts too those whose
            // completion was written just before the kill, so it bounds the repeats from above.
            Set<UUID> inFlight = new HashSet<>(startedThere.keySet());
            inFlight.removeAll(output.completed());
            assertThat(doneThere)
                    .as("the worker was killed before it ran everything")
                    .hasSizeLessThan(EVENTS);

            Predicate<TestEvent> handledByNeither =
                    e -> !doneThere.contains(e.getEventId()) && !runsHere.containsKey(e.getEventId());
            dispatcher.start(); // takes the killed worker's entries over once their leases lapsed
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(published.stream()
                                    .filter(handledByNeither)
                                    .map(e -> "event " + e.number() + " "
                                            + store.findByEventId(e.getEventId()).stream()
                                                    .map(entry -> entry.status())
                                                    .toList())
                                    .toList())
                            .as("published events handled by neither node")
                            .isEmpty());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                QueueCounts counts = store.countByStatus();
                return counts.pending() == 0 && counts.processing() == 0 && counts.completed() == EVENTS;
            });

            long lost = published.stream().filter(handledByNeither).count();
            Map<UUID, Integer> runs = new HashMap<>(startedThere);
            runsHere.forEach((id, count) -> runs.merge(id, count.get(), Integer::sum));
            List<Integer> repeatedOutsideFlight = published.stream()
                    .filter(e -> runs.getOrDefault(e.getEventId(), 0) > 1 && !inFlight.contains(e.getEventId()))
                    .map(TestEvent::number)
                    .toList();
            long duplicates =
                    runs.values().stream().mapToLong(count -> count - 1).sum();
            LOG.info(
                    "worker kill: published={} done by the killed worker={} in flight={} duplicates={} lost={}",
                    EVENTS,
                    doneThere.size(),
                    inFlight.size(),
                    duplicates,
                    lost);

            assertThat(lost).isZero();
            assertThat(repeatedOutsideFlight)
                    .as("events run more than once that were not in flight at the kill")
                    .isEmpty();
            assertThat(duplicates).isLessThanOrEqualTo(inFlight.size());
            assertThat(store.countByStatus()).isEqualTo(new QueueCounts(0, 0, EVENTS, 0));
        } finally {
            if (worker != null) {
                worker.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    private static Process startWorker(String natsUrl, String prefix, Path log, WorkerOutput output)
            throws IOException {
        ChildJvm.Child child = ChildJvm.start(
                RecordingWorker.class, log, output::accept, natsUrl, prefix, Long.toString(LEASE.toMillis()));
        output.reader = child.output();
        return child.process();
    }

    /** What the worker said on standard output, read on a thread of its own until the JVM ends. */
    private static final class WorkerOutput {

        private final Map<UUID, Integer> started = new HashMap<>();
        private final Set<UUID> done = new HashSet<>();
        private final Set<UUID> completed = new HashSet<>();
        private volatile boolean ready;
        private Thread reader;

        synchronized void accept(String line) {
            String[] words = line.split(" ");
            try {
                if (words.length == 1 && words[0].equals(RecordingWorker.READY)) {
                    ready = true;
                } else if (words.length == 2 && words[0].equals(RecordingWorker.STARTED)) {
                    started.merge(UUID.fromString(words[1]), 1, Integer::sum);
                } else if (words.length == 2 && words[0].equals(RecordingWorker.DONE)) {
                    done.add(UUID.fromString(words[1]));
                } else if (words.length == 2 && words[0].equals(RecordingWorker.COMPLETED)) {
                    completed.add(UUID.fromString(words[1]));
                }
            } catch (IllegalArgumentException e) {
                // a line the kill cut short, or the worker's own log
            }
        }

        synchronized int doneCount() {
            return done.size();
        }

        /** Waits until every line the killed JVM wrote has been read. */
        void awaitEnd() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(reader.isAlive()).as("worker output read to its end").isFalse();
        }

        synchronized Map<UUID, Integer> started() {
            return new HashMap<>(started);
        }

        synchronized Set<UUID> done() {
            return new HashSet<>(done);
        }

        synchronized Set<UUID> completed() {
            return new HashSet<>(completed);
        }
    }
}
