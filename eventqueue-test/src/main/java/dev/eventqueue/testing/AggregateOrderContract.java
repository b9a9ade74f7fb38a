package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.HealthReport;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.handler.OrderingFailurePolicy;
import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.StepEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-aggregate order through the dispatcher, on a store: handlers that ask for it see the events
 * of one aggregate one at a time, in publish order, across several dispatchers, while a failing
 * aggregate holds back only itself. A store module subclasses it and supplies
 * {@link #newRepository()}; every store must pass it.
 */
public abstract class AggregateOrderContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    protected EventQueueRepository repository;
    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    /** A new, empty store; called once per test. Dispatchers of one test share it. */
    protected abstract EventQueueRepository newRepository();

    @BeforeEach
    final void createRepository() {
        repository = newRepository();
    }

    @AfterEach
    final void stopDispatchers() {
        dispatchers.forEach(EventDispatcher::close);
        dispatchers.clear(); // a store module may run all tests on one instance
    }

    private EventDispatcher dispatcher(StepHandler handler, int maxConcurrent) {
        EventQueueConfig config = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(20))
                .backgroundInterval(Duration.ofMillis(20))
                .leaseDuration(Duration.ofSeconds(5))
                .maxConcurrent(maxConcurrent)
                .batchSize(20)
                .build();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(config)
                .repository(repository)
                .eventType(StepEvent.TYPE, StepEvent.class)
                .handler(handler)
                .build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /**
     * An ordered handler that checks, at every start, that no other step of the aggregate runs
     * and that the step is the one after the aggregate's last completed step.
     */
    protected static final class StepHandler extends EventHandlerBase<StepEvent> {

        private final OrderingFailurePolicy policy;
        private final int maxRetries;
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, Integer> lastDone = new ConcurrentHashMap<>();
        private final Map<String, List<Integer>> started = new ConcurrentHashMap<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private volatile Predicate<StepEvent> failing = event -> false;

        StepHandler(OrderingFailurePolicy policy, int maxRetries) {
            this.policy = policy;
            this.maxRetries = maxRetries;
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof StepEvent;
        }

        @Override
        public boolean isOrderedByAggregate() {
            return true;
        }

        @Override
        public OrderingFailurePolicy getOrderingFailurePolicy() {
            return policy;
        }

        @Override
        public int getMaxRetries() {
            return maxRetries;
        }

        @Override
        public Duration getRetryDelay() {
            return Duration.ofMillis(100);
        }

        @Override
        public String getName() {
            return "test.steps";
        }

        @Override
        public void handle(StepEvent event) {
            String aggregate = event.aggregateId();
            started.computeIfAbsent(aggregate, a -> new CopyOnWriteArrayList<>())
                    .add(event.step());
            int concurrent =
                    running.computeIfAbsent(aggregate, a -> new AtomicInteger()).incrementAndGet();
            try {
                if (concurrent != 1) {
                    violations.add(aggregate + " step " + event.step() + " ran beside another step");
                }
                int expected = lastDone.getOrDefault(aggregate, 0) + 1;
                if (event.step() != expected) {
                    violations.add(aggregate + " step " + event.step() + " started, expected " + expected);
                }
                if (failing.test(event)) {
                    throw new IllegalStateException("step " + event.step() + " of " + aggregate + " fails");
                }
                // A little work, so that steps of one aggregate would overlap if they could.
                LockSupport.parkNanos(200_000);
                lastDone.put(aggregate, event.step());
            } finally {
                running.get(aggregate).decrementAndGet();
            }
        }

        List<Integer> startedSteps(String aggregate) {
            return started.getOrDefault(aggregate, List.of());
        }

        int lastDone(String aggregate) {
            return lastDone.getOrDefault(aggregate, 0);
        }
    }

    private static List<StepEvent> steps(String aggregate, int from, int to) {
        List<StepEvent> events = new ArrayList<>();
        for (int step = from; step <= to; step++) {
            events.add(StepEvent.of(aggregate, step));
        }
        return events;
    }

    private EntryStatus statusOf(StepEvent event) {
        List<QueueEntry> entries = repository.findByEventId(event.getEventId());
        return entries.isEmpty() ? EntryStatus.COMPLETED : entries.get(0).status();
    }

    @Test
    final void eachAggregatesEventsStartOneAtATimeInPublishOrderAcrossDispatchers() {
        StepHandler handler = new StepHandler(OrderingFailurePolicy.BLOCK, 3);
        EventDispatcher publisher = dispatcher(handler, 8);
        dispatcher(handler, 8);
        dispatcher(handler, 8);
        dispatchers.forEach(EventDispatcher::start);

        int aggregates = 20;
        int stepsEach = 15;
        // Publish order interleaves the aggregates at random, in small batches, while workers run.
        List<List<StepEvent>> perAggregate = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            perAggregate.add(new ArrayList<>(steps("agg-" + a, 1, stepsEach)));
        }
        Random random = new Random(7);
        List<StepEvent> batch = new ArrayList<>();
        int left = aggregates * stepsEach;
        while (left > 0) {
            List<StepEvent> from = perAggregate.get(random.nextInt(aggregates));
            if (from.isEmpty()) {
                continue;
            }
            batch.add(from.remove(0));
            left--;
            if (batch.size() == 1 + random.nextInt(5) || left == 0) {
                publisher.publishAll(batch, null);
                batch.clear();
            }
        }

        await().atMost(WAIT).until(() -> publisher.getStats().completed() == (long) aggregates * stepsEach);
        assertThat(handler.violations).isEmpty();
        for (int a = 0; a < aggregates; a++) {
            assertThat(handler.startedSteps("agg-" + a))
                    .as("steps of agg-%d in start order", a)
                    .containsExactlyElementsOf(steps("agg-" + a, 1, stepsEach).stream()
                            .map(StepEvent::step)
                            .toList());
        }
        assertThat(publisher.getStats().blockedAggregates()).isZero();
    }

    @Test
    final void aFailingAggregateHoldsBackOnlyItselfAndStaysBlockedUntilRetried() {
        StepHandler handler = new StepHandler(OrderingFailurePolicy.BLOCK, 2);
        handler.failing = event -> event.aggregateId().equals("bad") && event.step() == 2;
        EventDispatcher dispatcher = dispatcher(handler, 4);
        dispatcher(handler, 4);

        List<StepEvent> bad = steps("bad", 1, 5);
        List<StepEvent> good = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            good.addAll(steps("good-" + a, 1, 5));
        }
        List<StepEvent> all = new ArrayList<>(bad);
        all.addAll(good);
        dispatcher.publishAll(all, null);
        dispatchers.forEach(EventDispatcher::start);

        await().atMost(WAIT).until(() -> statusOf(bad.get(1)) == EntryStatus.FAILED);
        await().atMost(WAIT).until(() -> good.stream().allMatch(e -> statusOf(e) == EntryStatus.COMPLETED));
        for (int a = 0; a < 10; a++) {
            assertThat(handler.lastDone("good-" + a)).isEqualTo(5);
        }
        // Step 2 ran its three attempts; steps 3 to 5 never started and still wait.
        assertThat(handler.startedSteps("bad")).containsExactly(1, 2, 2, 2);
        assertThat(bad.subList(2, 5)).allMatch(e -> statusOf(e) == EntryStatus.PENDING);
        assertThat(dispatcher.getStats().blockedAggregates()).isEqualTo(1);
        HealthReport health = dispatcher.getHealth();
        assertThat(health.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(health.details()).containsEntry("blockedAggregates", 1L);
        assertThat(String.valueOf(health.details().get("reasons"))).contains("1 aggregate(s) blocked");

        handler.failing = event -> false;
        assertThat(dispatcher.retryFailedEvents(10)).isEqualTo(1);
        await().atMost(WAIT).until(() -> handler.lastDone("bad") == 5);
        assertThat(handler.startedSteps("bad")).containsExactly(1, 2, 2, 2, 2, 3, 4, 5);
        assertThat(handler.violations).isEmpty();
        assertThat(dispatcher.getStats().blockedAggregates()).isZero();
    }

    @Test
    final void purgingTheFailedEntryThatBlocksAnAggregateLetsItsLaterEntriesRun() {
        StepHandler handler = new StepHandler(OrderingFailurePolicy.BLOCK, 0);
        handler.failing = event -> event.step() == 2;
        EventDispatcher dispatcher = dispatcher(handler, 2);
        List<StepEvent> steps = steps("purged", 1, 4);
        dispatcher.publishAll(steps, null);
        dispatcher.start();

        await().atMost(WAIT).until(() -> statusOf(steps.get(1)) == EntryStatus.FAILED);
        assertThat(steps.subList(2, 4)).allMatch(e -> statusOf(e) == EntryStatus.PENDING);
        EntryFilter failedOnes = EntryFilter.builder()
                .status(EntryStatus.FAILED)
                .aggregateId("purged")
                .build();
        assertThat(dispatcher.operations().purge(failedOnes, false).failed()).isEqualTo(1);

        await().atMost(WAIT).until(() -> handler.lastDone("purged") == 4);
        // Step 2 was deleted, so its aggregate goes on at step 3, still one at a time and in order.
        assertThat(handler.startedSteps("purged")).containsExactly(1, 2, 3, 4);
        assertThat(dispatcher.getStats().blockedAggregates()).isZero();
    }

    @Test
    final void aParkedEntryFailsAloneAndItsAggregateGoesOn() {
        StepHandler handler = new StepHandler(OrderingFailurePolicy.PARK, 1);
        handler.failing = event -> event.aggregateId().equals("bad") && event.step() == 2;
        EventDispatcher dispatcher = dispatcher(handler, 4);

        List<StepEvent> bad = steps("bad", 1, 5);
        List<StepEvent> all = new ArrayList<>(bad);
        all.addAll(steps("good", 1, 5));
        dispatcher.publishAll(all, null);
        dispatcher.start();

        await().atMost(WAIT)
                .until(() -> handler.startedSteps("bad").size() == 6
                        && handler.lastDone("good") == 5
                        && dispatcher.getStats().pending() == 0
                        && dispatcher.getStats().processing() == 0);
        assertThat(handler.startedSteps("bad")).containsExactly(1, 2, 2, 3, 4, 5);
        assertThat(statusOf(bad.get(1))).isEqualTo(EntryStatus.FAILED);
        assertThat(dispatcher.getStats().failed()).isEqualTo(1);
        assertThat(dispatcher.getStats().blockedAggregates()).isZero();
        // The parked step broke the chain on purpose: step 3 saw step 1 as the last one done.
        assertThat(handler.violations).containsExactly("bad step 3 started, expected 2");
        assertThat(dispatcher.getHealth().details()).containsEntry("blockedAggregates", 0L);
    }
}
