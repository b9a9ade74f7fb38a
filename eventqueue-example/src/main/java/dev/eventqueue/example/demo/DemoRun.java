package dev.eventqueue.example.demo;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.example.Logging;
import dev.eventqueue.example.handlers.ExampleHandlers;
import dev.eventqueue.example.handlers.HandlerActivity;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.handler.EventHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One demo run: start a dispatcher with the example handlers, play the scenario, show progress
 * until every entry of the run is completed or failed, then report.
 */
public final class DemoRun {

    private static final Duration PROGRESS_PERIOD = Duration.ofMillis(250);
    /** Time on top of the dispatcher's shutdown timeout for an interrupted run to close the database. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final DemoOptions options;
    private final PrintStream out;

    public DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * @return true when every entry finished as the scenario intends (the run's exit status)
     * @throws dev.eventqueue.example.store.StoreUnavailableException when the database cannot be used
     */
    public boolean execute() throws InterruptedException {
        RunTally tally = new RunTally();
        Interruption interruption = Interruption.install(
                () -> {
                    Logging.quietForShutdown();
                    tally.wakeWaiters();
                },
                options.config().shutdownTimeout().plus(SHUTDOWN_GRACE));
        try {
            return execute(tally, interruption);
        } finally {
            interruption.release();
        }
    }

    private boolean execute(RunTally tally, Interruption interruption) throws InterruptedException {
        long startNanos = System.nanoTime();
        HandlerActivity activity = new HandlerActivity();
        List<EventHandler<?>> handlers = ExampleHandlers.all(activity, options.retryDelay());
        try (DemoBackend backend = DemoBackends.open(options)) {
            DemoReport report = new DemoReport(options, out, handlers);
            report.header(backend);
            EventDispatcher dispatcher = EventDispatcher.builder()
                    .config(options.config())
                    .repository(backend.queueRepository())
                    .auditLog(backend.auditLog())
                    .handlers(handlers)
                    .listener(tally)
                    .build();
            report.earlierEntries(dispatcher.getStats());
            AttemptRepository attempts = backend.attempts(dispatcher);
            DemoScenario scenario = new DemoScenario(attempts, tally, Clock.systemUTC());
            ProgressRenderer renderer = ProgressRenderer.choose(out, options.plain());
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "eventqueue-demo-progress");
                thread.setDaemon(true);
                return thread;
            });
            boolean finished = false;
            DemoScenario.AttemptTrace first = null;
            dispatcher.start();
            try {
                ticker.scheduleAtFixedRate(
                        () -> showProgress(renderer, dispatcher, scenario, tally, startNanos),
                        0,
                        PROGRESS_PERIOD.toMillis(),
                        TimeUnit.MILLISECONDS);
                first = scenario.run(options.attempts(), options.answersPerAttempt(), interruption::requested);
                finished = tally.awaitAllTerminal(options.timeout(), interruption::requested);
            } catch (RuntimeException e) {
                if (!interruption.requested()) {
                    throw e;
                }
                // A save cut short by the interruption: its transaction rolled back, nothing is lost.
            } finally {
                ticker.shutdownNow();
                ticker.awaitTermination(5, TimeUnit.SECONDS);
                dispatcher.stop();
            }
            if (interruption.requested()) {
                // The database may be closing with the JVM: report from what this process counted.
                out.println();
                report.interrupted(tally, backend);
                return false;
            }
            renderer.finish(progress(dispatcher, scenario, tally, startNanos));
            report.summary(tally, activity, dispatcher.getStats());
            report.auditTrail(first, dispatcher.getAuditLog());
            boolean asExpected =
                    report.verdict(finished, tally, activity, Duration.ofNanos(System.nanoTime() - startNanos));
            report.cliHints(backend, first);
            return finished && asExpected;
        }
    }

    private void showProgress(
            ProgressRenderer renderer,
            EventDispatcher dispatcher,
            DemoScenario scenario,
            RunTally tally,
            long startNanos) {
        try {
            renderer.update(progress(dispatcher, scenario, tally, startNanos));
        } catch (RuntimeException e) {
            // A missed frame is harmless; an exception would cancel the ticker for good.
        }
    }

    private Progress progress(EventDispatcher dispatcher, DemoScenario scenario, RunTally tally, long startNanos) {
        return new Progress(
                scenario.saved(),
                options.attempts(),
                dispatcher.getStats(),
                tally.terminal(),
                tally.published(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
