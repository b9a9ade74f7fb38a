package dev.eventqueue.bench;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.peer.PeerCase;
import dev.eventqueue.bench.scenario.BacklogCase;
import dev.eventqueue.bench.scenario.DueTimeCase;
import dev.eventqueue.bench.scenario.LatencyCase;
import dev.eventqueue.bench.scenario.MemoryCase;
import dev.eventqueue.bench.scenario.PublishRateCase;
import dev.eventqueue.bench.scenario.RawReferenceCase;
import dev.eventqueue.bench.scenario.StoreKind;
import dev.eventqueue.bench.scenario.SustainedCase;
import dev.eventqueue.bench.scenario.ThroughputCase;
import dev.eventqueue.bench.scenario.Tracing;
import dev.eventqueue.bench.scenario.TracingCostCase;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.NatsServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which cases a run measures, and at what sizes (full, or a tenth with {@code --quick}). */
final class Plan {

    /** Scenario names for {@code --scenarios}, in the order they run. */
    static final List<String> SCENARIOS = List.of(
            "raw",
            "inmemory",
            "jdbc",
            "nats",
            "publish",
            "latency",
            "duetime",
            "memory",
            "backlog",
            "tracing",
            "peers",
            "sustained");

    /** Events per JetStream throughput run: every entry change is a write the server confirms. */
    static final long NATS_EVENTS = 5_000;

    /** Events per sustained run: about a minute at PostgreSQL's rate, twenty times a throughput run. */
    static final long SUSTAINED_EVENTS = 1_000_000;

    static final int PUBLISH_BATCH = 500;
    static final int DB_BATCH = 200;
    static final int LATENCY_RATE = 200;

    /** Throughput settings: claims of 200 (a fifth of the completion writer's largest batch), 4 workers for 2 cores. */
    static EventQueueConfig databaseConfig() {
        return EventQueueConfig.builder().batchSize(DB_BATCH).maxConcurrent(4).build();
    }

    static EventQueueConfig memoryConfig() {
        return EventQueueConfig.builder().batchSize(1000).maxConcurrent(4).build();
    }

    /** Latency settings: the defaults, except a batch size that never limits one event at a time. */
    static EventQueueConfig latencyConfig() {
        return EventQueueConfig.defaults();
    }

    private final boolean quick;
    private final Set<String> scenarios;
    private final List<Database> databases;
    private final List<NatsServers> natsServers;

    Plan(boolean quick, Set<String> scenarios, List<Database> databases, List<NatsServers> natsServers) {
        this.quick = quick;
        this.scenarios = scenarios;
        this.databases = databases;
        this.natsServers = natsServers;
    }

    private long size(long full) {
        return quick ? Math.max(1000, full / 10) : full;
    }

    private static long dbEvents(Database database) {
        return database == Database.H2 ? 10_000 : 50_000;
    }

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        if (scenarios.contains("raw")) {
            for (Database database : databases) {
                cases.add(new RawReferenceCase(database, size(2 * dbEvents(database)), PUBLISH_BATCH, DB_BATCH));
            }
        }
        if (scenarios.contains("inmemory")) {
            for (int handlers : new int[] {1, 3}) {
                cases.add(new ThroughputCase(
                        StoreKind.IN_MEMORY,
                        1,
                        handlers,
                        size(1_000_000),
                        PUBLISH_BATCH,
                        memoryConfig(),
                        AuditLogs.none(),
                        "none"));
            }
            cases.add(new ThroughputCase(
                    StoreKind.IN_MEMORY, 1, 1, size(1_000_000), PUBLISH_BATCH, memoryConfig(), null, "default"));
        }
        if (scenarios.contains("tracing")) {
            for (Tracing tracing : List.of(Tracing.API_NOOP, Tracing.SDK_DISCARDING)) {
                cases.add(new TracingCostCase(
                        StoreKind.IN_MEMORY, size(1_000_000), PUBLISH_BATCH, memoryConfig(), tracing));
            }
            for (Database database : databases) {
                cases.add(new TracingCostCase(
                        StoreKind.of(database),
                        size(dbEvents(database)),
                        PUBLISH_BATCH,
                        databaseConfig(),
                        Tracing.SDK_DISCARDING));
            }
        }
        if (scenarios.contains("jdbc")) {
            for (Database database : databases) {
                for (int dispatchers : new int[] {1, 3}) {
                    for (int handlers : new int[] {1, 3}) {
                        cases.add(new ThroughputCase(
                                StoreKind.of(database),
                                dispatchers,
                                handlers,
                                size(dbEvents(database)),
                                PUBLISH_BATCH,
                                databaseConfig(),
                                AuditLogs.none(),
                                "none"));
                    }
                }
                // The store with one write less per entry: completions delete the entries.
                cases.add(new ThroughputCase(
                        StoreKind.deletingCompleted(database),
                        1,
                        1,
                        size(dbEvents(database)),
                        PUBLISH_BATCH,
                        databaseConfig(),
                        AuditLogs.none(),
                        "none"));
            }
        }
        if (scenarios.contains("nats")) {
            // The same settings as the database rows, so the two stores compare.
            for (NatsServers servers : natsServers) {
                for (StoreKind store : List.of(StoreKind.of(servers), StoreKind.deletingCompleted(servers))) {
                    for (int dispatchers : new int[] {1, 3}) {
                        cases.add(new ThroughputCase(
                                store,
                                dispatchers,
                                1,
                                size(NATS_EVENTS),
                                PUBLISH_BATCH,
                                databaseConfig(),
                                AuditLogs.none(),
                                "none"));
                    }
                }
            }
        }
        if (scenarios.contains("sustained") && databases.contains(Database.POSTGRESQL)) {
            for (StoreKind store :
                    List.of(StoreKind.of(Database.POSTGRESQL), StoreKind.notVacuuming(Database.POSTGRESQL))) {
                cases.add(new SustainedCase(
                        store,
                        size(SUSTAINED_EVENTS),
                        size(dbEvents(Database.POSTGRESQL)),
                        PUBLISH_BATCH,
                        databaseConfig()));
            }
        }
        if (scenarios.contains("publish")) {
            for (int handlers : new int[] {1, 3}) {
                cases.add(new PublishRateCase(
                        StoreKind.IN_MEMORY, handlers, size(1_000_000), PUBLISH_BATCH, AuditLogs.none(), "none"));
            }
            for (Database database : databases) {
                for (int handlers : new int[] {1, 3}) {
                    cases.add(new PublishRateCase(
                            StoreKind.of(database),
                            handlers,
                            size(4 * dbEvents(database)),
                            PUBLISH_BATCH,
                            AuditLogs.none(),
                            "none"));
                }
            }
        }
        if (scenarios.contains("latency")) {
            Duration duration = Duration.ofSeconds(quick ? 3 : 10);
            if (databases.contains(Database.POSTGRESQL)) {
                for (boolean acrossNodes : new boolean[] {false, true}) {
                    for (int handlers : new int[] {1, 3}) {
                        cases.add(new LatencyCase(
                                StoreKind.of(Database.POSTGRESQL),
                                acrossNodes,
                                handlers,
                                LATENCY_RATE,
                                duration,
                                latencyConfig(),
                                AuditLogs.none()));
                    }
                }
            }
            // One handler per event: these rows answer the publish-to-handler target.
            for (NatsServers servers : natsServers) {
                for (boolean acrossNodes : new boolean[] {false, true}) {
                    cases.add(new LatencyCase(
                            StoreKind.of(servers),
                            acrossNodes,
                            1,
                            LATENCY_RATE,
                            duration,
                            latencyConfig(),
                            AuditLogs.none()));
                }
            }
        }
        if (scenarios.contains("duetime") && databases.contains(Database.POSTGRESQL)) {
            Duration duration = Duration.ofSeconds(quick ? 3 : 10);
            StoreKind postgres = StoreKind.of(Database.POSTGRESQL);
            cases.add(new DueTimeCase(
                    postgres, false, true, DueTimeCase.Mode.PUNCTUAL, LATENCY_RATE, duration, latencyConfig()));
            cases.add(new DueTimeCase(
                    postgres, true, true, DueTimeCase.Mode.PUNCTUAL, LATENCY_RATE, duration, latencyConfig()));
            cases.add(new DueTimeCase(
                    postgres, true, false, DueTimeCase.Mode.PUNCTUAL, LATENCY_RATE, duration, latencyConfig()));
            cases.add(new DueTimeCase(
                    postgres, true, false, DueTimeCase.Mode.POLL_ONLY, LATENCY_RATE, duration, latencyConfig()));
        }
        if (scenarios.contains("memory")) {
            cases.add(new MemoryCase(size(1_000_000), "1g"));
        }
        if (scenarios.contains("backlog") && databases.contains(Database.POSTGRESQL)) {
            cases.add(new BacklogCase(
                    size(1_000_000),
                    size(dbEvents(Database.POSTGRESQL)),
                    PUBLISH_BATCH,
                    databaseConfig(),
                    AuditLogs.none()));
        }
        if (scenarios.contains("peers") && databases.contains(Database.POSTGRESQL)) {
            cases.addAll(PeerCase.all(databaseConfig(), size(dbEvents(Database.POSTGRESQL)), PUBLISH_BATCH));
        }
        return cases;
    }
}
