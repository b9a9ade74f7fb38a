package dev.eventqueue.faults;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The named scenarios. Each starts three worker processes on a fresh queue table, publishes,
 * injects its fault part-way through, waits for the queue to drain and counts.
 */
enum Scenario {

    /** No fault: the throughput every other scenario is compared with. */
    BASELINE("baseline") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                run.publish(stage.settings().events(), FaultEvent.PLAIN);
                run.awaitDrained(stage.drainTimeout());
                return outcome(stage, run, 0, null, null, 0, "no fault");
            }
        }
    },

    /** One worker killed with SIGKILL a third of the way through, then started again. */
    CRASH_RECOVERY("crash_recovery") {
        @Override
        Outcome play(Stage stage) throws Exception {
            return killOneAndRestart(stage, stage.settings(), "SIGKILL of 1 of 3 workers, restarted");
        }
    },

    /**
     * As crash recovery, with completions that delete their entries: a killed worker's claims are
     * still recovered and none of its entries is deleted without its handler having succeeded.
     */
    CRASH_RECOVERY_DELETING("crash_recovery_deleting") {
        @Override
        Outcome play(Stage stage) throws Exception {
            return killOneAndRestart(
                    stage,
                    stage.settings().withCompletedDeleted(),
                    "SIGKILL of 1 of 3 workers, restarted; keepCompletedEntries(false)");
        }
    },

    /** A worker killed with SIGKILL every second, another one each time, each started again. */
    REPEATED_KILLS("repeated_kills") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                int events = stage.settings().events();
                run.publish(events, FaultEvent.PLAIN);
                run.awaitSucceeded(events / 10, stage.drainTimeout());
                int kills = stage.settings().quick() ? 2 : 4;
                List<Kill> done = new ArrayList<>();
                for (int i = 0; i < kills; i++) {
                    Kill kill = Kill.of(run, run.workers().get(i % 3));
                    done.add(kill);
                    run.restart(kill.victim());
                    Thread.sleep(1_000);
                }
                run.awaitDrained(stage.drainTimeout());
                Set<UUID> held = new HashSet<>();
                Double recovery = null;
                for (Kill kill : done) {
                    held.addAll(kill.held());
                    Double seconds = run.recoverySeconds(kill.at(), kill.held());
                    if (seconds != null && (recovery == null || seconds > recovery)) {
                        recovery = seconds;
                    }
                }
                return outcome(
                        stage,
                        run,
                        held.size(),
                        (long) held.size(),
                        recovery,
                        stage.settings().recoveryTargetSeconds(),
                        kills + " SIGKILLs, 1 s apart, each worker restarted");
            }
        }
    },

    /** A worker paused with SIGSTOP for the lease plus 3 s, then resumed with SIGCONT. */
    STALE_CLAIM("stale_claim") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                int events = stage.settings().events();
                run.publish(events, FaultEvent.PLAIN);
                run.awaitSucceeded(events / 4, stage.drainTimeout());
                WorkerProcess victim = run.workers().get(0);
                victim.pause();
                // Lets a claim the server was executing at the signal commit before the snapshot.
                Thread.sleep(200);
                Set<UUID> held = run.heldBy(victim);
                LocalDateTime at = run.databaseNow();
                long pause = stage.settings().leaseMillis() + 3_000;
                Thread.sleep(pause);
                victim.resume();
                run.awaitDrained(stage.drainTimeout());
                Double recovery = run.recoverySeconds(at, held);
                return outcome(
                        stage,
                        run,
                        held.size(),
                        (long) held.size(),
                        recovery,
                        stage.settings().recoveryTargetSeconds(),
                        "1 of 3 workers paused " + pause / 1000.0 + " s (lease "
                                + stage.settings().leaseMillis() / 1000 + " s), then resumed");
            }
        }
    },

    /** Every database connection of every worker terminated by the server, four times. */
    PG_BACKEND_KILL("pg_backend_kill", Needs.POSTGRES) {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                int events = stage.settings().events();
                run.publish(events, FaultEvent.PLAIN);
                run.awaitSucceeded(events / 4, stage.drainTimeout());
                int rounds = stage.settings().quick() ? 2 : 4;
                int terminated = 0;
                LocalDateTime last = null;
                Set<UUID> held = Set.of();
                for (int i = 0; i < rounds; i++) {
                    held = run.held();
                    last = run.databaseNow();
                    terminated += terminateWorkerBackends(run);
                    Thread.sleep(700);
                }
                run.awaitDrained(stage.drainTimeout());
                Double recovery = run.recoverySeconds(last, held);
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        recovery,
                        stage.settings().recoveryTargetSeconds(),
                        rounds + " rounds of pg_terminate_backend on all worker connections (" + terminated
                                + " terminated)");
            }
        }
    },

    /** Every worker's whole connection pool held by other work for half a lease, twice. */
    POOL_EXHAUSTION("pool_exhaustion") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                int events = stage.settings().events();
                run.publish(events, FaultEvent.PLAIN);
                run.awaitSucceeded(events / 4, stage.drainTimeout());
                long hold = stage.settings().leaseMillis() / 2;
                LocalDateTime end = null;
                Set<UUID> held = Set.of();
                for (int i = 0; i < 2; i++) {
                    for (WorkerProcess worker : run.workers()) {
                        worker.hogPool(hold);
                    }
                    Thread.sleep(hold);
                    held = run.held();
                    end = run.databaseNow();
                    Thread.sleep(1_000);
                }
                run.awaitDrained(stage.drainTimeout());
                Double recovery = run.recoverySeconds(end, held);
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        recovery,
                        stage.settings().recoveryTargetSeconds(),
                        "all " + stage.settings().poolSize() + " pooled connections of all 3 workers held "
                                + hold / 1000.0 + " s, twice");
            }
        }
    },

    /** One worker's clock 60 s ahead, another's 60 s behind. */
    CLOCK_SKEW("clock_skew") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3, new long[] {60, -60, 0});
                run.publish(stage.settings().events(), FaultEvent.PLAIN);
                run.awaitDrained(stage.drainTimeout());
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        null,
                        0,
                        "w1 +60 s, w2 -60 s: Clock.offset(...) given to EventDispatcher.Builder.clock, as an "
                                + "application would; the database store judges time by the database");
            }
        }
    },

    /** 1 % of the events hang their handler: half sleep until interrupted, half ignore interrupts. */
    HUNG_HANDLER("hung_handler") {
        @Override
        Outcome play(Stage stage) throws Exception {
            Settings settings = stage.settings().withHandlerTimeout(1_000);
            try (Run run = stage.newRun(label(), settings)) {
                run.startWorkers(3);
                int events = settings.events();
                int hung = Math.max(2, events / 100);
                List<FaultEvent> batch = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    String kind = i < hung ? (i % 2 == 0 ? FaultEvent.HANG : FaultEvent.HANG_HARD) : FaultEvent.PLAIN;
                    batch.add(FaultEvent.of(i, kind));
                }
                Collections.shuffle(batch);
                run.publish(batch);
                run.awaitDrained(stage.drainTimeout());
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        null,
                        0,
                        hung + " hanging events (half ignore interrupts), handler timeout 1 s, 3 attempts: "
                                + "they must end failed with onFailure once; the rest completed");
            }
        }
    },

    /** Every event fails its first two attempts and succeeds on the third. */
    RETRY_STORM("retry_storm") {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                run.publish(stage.settings().events(), FaultEvent.FLAKY);
                run.awaitDrained(stage.drainTimeout());
                return outcome(
                        stage, run, 0, null, null, 0, "every event fails twice (retry delay 100 ms), succeeds third");
            }
        }
    },

    /**
     * A stream of high-priority events faster than the workers can run them, and a few
     * low-priority ones published into the backlog. Aging promises that no entry due after a
     * low-priority one delays it past the aging period: each low one must have started within
     * 2 s of the later of two moments, its aging and the run of the last entry published before
     * it (those go first whatever the scheduling, being older and of higher priority).
     */
    PRIORITY_STARVATION("priority_starvation") {
        @Override
        Outcome play(Stage stage) throws Exception {
            long aging = 2_000;
            Settings settings = stage.settings().withAging(aging, 40);
            try (Run run = stage.newRun(label(), settings)) {
                run.startWorkers(3);
                int streamed = settings.events();
                int chunks = 30;
                List<FaultEvent> before = run.publish(streamed / chunks * 3, FaultEvent.HIGH);
                LocalDateTime lowAt = run.databaseNow();
                List<FaultEvent> low = run.publish(50, FaultEvent.LOW);
                for (int i = 3; i < chunks; i++) {
                    run.publish(streamed / chunks, FaultEvent.HIGH);
                    Thread.sleep(100);
                }
                run.awaitDrained(stage.drainTimeout());
                Double wait = run.secondsUntilAllRan(lowAt, low);
                Double olderRan = run.secondsUntilAllRan(lowAt, before);
                double ahead = olderRan == null ? 0 : olderRan;
                double target = Math.max(aging / 1000.0, ahead) + 2;
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        wait,
                        target,
                        String.format(
                                Locale.ROOT,
                                "time column: longest wait of 50 low-priority entries behind a high-priority stream "
                                        + "(40 ms handlers, aging %d s); target: 2 s after the later of their aging "
                                        + "and the run of the %d entries published before them (%.1f s)",
                                aging / 1000,
                                before.size(),
                                ahead));
            }
        }
    },

    /** The PostgreSQL server restarted (fast shutdown) a quarter of the way through. */
    POSTGRES_RESTART("postgres_restart", Needs.OWN_POSTGRES_CLUSTER) {
        @Override
        Outcome play(Stage stage) throws Exception {
            try (Run run = stage.newRun(label())) {
                run.startWorkers(3);
                int events = stage.settings().events();
                run.publish(events, FaultEvent.PLAIN);
                run.awaitSucceeded(events / 4, stage.drainTimeout());
                Set<UUID> held = run.held();
                long started = System.nanoTime();
                Thread restart = new Thread(
                        () -> {
                            try {
                                stage.cluster().restart();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "faults-restart");
                restart.start();
                // The server's return, seen by a new connection: the restart command itself may take
                // longer to report on a busy machine while workers are already back at work.
                awaitReachable(run, false, started, restart);
                LocalDateTime back = awaitReachable(run, true, started, restart);
                double down = (System.nanoTime() - started) / 1e9;
                restart.join();
                run.awaitDrained(stage.drainTimeout());
                Double recovery = run.recoverySeconds(back, held);
                return outcome(
                        stage,
                        run,
                        held.size(),
                        (long) held.size(),
                        recovery,
                        stage.settings().recoveryTargetSeconds(),
                        String.format(
                                "pg_ctlcluster restart -m fast; a new connection succeeded %.1f s after the command "
                                        + "started; time from then",
                                down));
            }
        }
    },

    /**
     * A session that opened a transaction and went idle holds the xmin horizon while the queue
     * runs bursts of events: dead row versions cannot be vacuumed.
     */
    IDLE_IN_TRANSACTION("idle_in_transaction", Needs.OWN_POSTGRES_CLUSTER) {
        @Override
        Outcome play(Stage stage) throws Exception {
            long holdMillis = stage.settings().quick() ? 20_000 : 120_000;
            int bursts = stage.settings().quick() ? 4 : 12;
            int burst = Math.max(100, stage.settings().events() / bursts);
            try (Run run = stage.newRun(label());
                    Connection holder = run.database().connect(run.table() + "-idle")) {
                holder.setAutoCommit(false);
                holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("SELECT txid_current()");
                }
                run.startWorkers(3);
                long started = System.nanoTime();
                double busySeconds = 0;
                for (int i = 0; i < bursts; i++) {
                    long burstStart = System.nanoTime();
                    run.publish(burst, FaultEvent.PLAIN);
                    run.awaitDrained(stage.drainTimeout());
                    busySeconds += (System.nanoTime() - burstStart) / 1e9;
                    long nextAt = started + (i + 1) * holdMillis * 1_000_000 / bursts;
                    long wait = (nextAt - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                // Statistics reach the shared counters within a second of a backend going idle.
                Thread.sleep(1_500);
                Long dead = run.deadTuples();
                holder.rollback();
                long published = run.published().size();
                return outcome(
                        stage,
                        run,
                        0,
                        null,
                        null,
                        0,
                        published / busySeconds,
                        dead,
                        String.format(
                                "xmin held %d s by an idle transaction; %d bursts of %d events; throughput while busy",
                                holdMillis / 1000, bursts, burst));
            }
        }
    };

    /** What a scenario needs of the database it runs on. */
    enum Needs {
        ANY_DATABASE,
        POSTGRES,
        /** PostgreSQL it may change (restart, held horizon): only the suite's own cluster. */
        OWN_POSTGRES_CLUSTER
    }

    private final String label;
    private final Needs needs;

    Scenario(String label) {
        this(label, Needs.ANY_DATABASE);
    }

    Scenario(String label, Needs needs) {
        this.label = label;
        this.needs = needs;
    }

    String label() {
        return label;
    }

    abstract Outcome play(Stage stage) throws Exception;

    boolean appliesTo(Database database) {
        return needs == Needs.ANY_DATABASE || database.postgres();
    }

    /** Whether the scenario changes the server (restart, held horizon), so it runs only on the suite's own cluster. */
    boolean needsOwnCluster() {
        return needs == Needs.OWN_POSTGRES_CLUSTER;
    }

    static Scenario byLabel(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(label)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + label + "'; known: " + labels());
    }

    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (Scenario scenario : values()) {
            labels.add(scenario.label);
        }
        return labels;
    }

    /** Kills one of three workers a third of the way through and starts it again. */
    Outcome killOneAndRestart(Stage stage, Settings settings, String description) throws Exception {
        try (Run run = stage.newRun(label(), settings)) {
            run.startWorkers(3);
            int events = settings.events();
            run.publish(events, FaultEvent.PLAIN);
            run.awaitSucceeded(events / 3, stage.drainTimeout());
            Kill kill = Kill.of(run, run.workers().get(0));
            run.restart(kill.victim());
            run.awaitDrained(stage.drainTimeout());
            Double recovery = run.recoverySeconds(kill.at(), kill.held());
            return outcome(
                    stage,
                    run,
                    kill.held().size(),
                    (long) kill.held().size(),
                    recovery,
                    settings.recoveryTargetSeconds(),
                    description);
        }
    }

    Outcome outcome(
            Stage stage,
            Run run,
            long allowedDuplicates,
            Long held,
            Double recovery,
            double recoveryTarget,
            String note)
            throws Exception {
        return outcome(stage, run, allowedDuplicates, held, recovery, recoveryTarget, run.throughput(), null, note);
    }

    Outcome outcome(
            Stage stage,
            Run run,
            long allowedDuplicates,
            Long held,
            Double recovery,
            double recoveryTarget,
            double throughput,
            Long deadTuples,
            String note)
            throws Exception {
        Run.Tally tally = run.tally();
        return new Outcome(
                label,
                stage.database().label(),
                tally.published(),
                tally.acknowledged(),
                tally.lost(),
                tally.duplicated(),
                allowedDuplicates,
                held,
                recovery,
                recoveryTarget,
                throughput,
                stage.baselineThroughput(),
                deadTuples != null ? deadTuples : (stage.database().postgres() ? run.deadTuples() : null),
                tally.unended().isEmpty() ? note : note + "; not ended: " + String.join("; ", tally.unended()));
    }

    /** A SIGKILL with what the victim held at that moment (paused first, so the snapshot is exact). */
    record Kill(WorkerProcess victim, Set<UUID> held, LocalDateTime at) {

        static Kill of(Run run, WorkerProcess victim) throws Exception {
            victim.pause();
            Thread.sleep(200);
            Set<UUID> held = run.heldBy(victim);
            LocalDateTime at = run.databaseNow();
            victim.kill();
            return new Kill(victim, held, at);
        }
    }

    /** Polls with new connections until the database is (or is no longer) reachable; returns its time then. */
    private static LocalDateTime awaitReachable(Run run, boolean reachable, long sinceNanos, Thread restart)
            throws Exception {
        while (System.nanoTime() - sinceNanos < Duration.ofSeconds(120).toNanos()) {
            if (!reachable && !restart.isAlive()) {
                return null; // down and up again between two probes
            }
            try (Connection connection = run.database().connect(run.table() + "-probe");
                    Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT " + run.database().nowExpression())) {
                if (reachable) {
                    rows.next();
                    return rows.getObject(1, LocalDateTime.class);
                }
            } catch (java.sql.SQLException e) {
                if (!reachable) {
                    return null;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The database did not become " + (reachable ? "reachable" : "unreachable")
                + " within 120 s of the restart");
    }

    private static int terminateWorkerBackends(Run run) throws Exception {
        int terminated = 0;
        try (Connection connection = run.database().connect(run.table() + "-killer");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name LIKE '" + run.table() + "-w%'")) {
            while (rows.next()) {
                if (rows.getBoolean(1)) {
                    terminated++;
                }
            }
        }
        return terminated;
    }
}
