package dev.eventqueue.dispatch;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.monitoring.ErrorRedactor;
import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.WakeUpSubscription;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running half of a dispatcher between {@code start()} and {@code stop()}: two polling
 * loops, the worker pool and its watchdog, the completion writer and the housekeeper, under one
 * owner id. A new runtime is made for every start, so a stopped dispatcher can be started again.
 */
public final class DispatchRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRuntime.class);

    private final RuntimeContext context;
    private final WorkerPool pool;
    private final Delivery delivery;
    private final CompletionWriter completions;
    private final PollingLoop foreground;
    private final PollingLoop background;
    private final Housekeeper housekeeper;
    private final Watchdog watchdog;
    private WakeUpSubscription wakeUps = WakeUpSubscription.NONE;

    public DispatchRuntime(
            EventQueueConfig config,
            EventQueueRepository repository,
            HandlerRegistry handlers,
            Listeners listeners,
            Runnable cleanup) {
        this(config, repository, handlers, listeners, Interceptors.NONE, cleanup, ErrorRedactor.none());
    }

    public DispatchRuntime(
            EventQueueConfig config,
            EventQueueRepository repository,
            HandlerRegistry handlers,
            Listeners listeners,
            Interceptors interceptors,
            Runnable cleanup,
            ErrorRedactor errorRedactor) {
        String owner = newOwnerId();
        this.context = new RuntimeContext(
                config,
                repository,
                handlers,
                repository.clock(),
                listeners,
                interceptors,
                new RetryPolicy(config.retryBackoff(), config.maxRetryDelay()),
                owner,
                new AtomicBoolean(),
                new StoreOutages(config.leaseDuration().toNanos()),
                new DueTimes(repository.clock()),
                new HandlerCaps(handlers.all()),
                new ErrorText(errorRedactor));
        String prefix = "eventqueue-" + owner.substring(owner.length() - 8) + "-";
        this.pool = new WorkerPool(prefix + "worker-", config.backgroundInterval());
        this.completions = new CompletionWriter(context, this::wakeAll, prefix + "completions");
        this.delivery = new Delivery(context, completions);
        this.foreground = new PollingLoop(context, pool, completions::backlog, Loop.FOREGROUND, prefix + "processing");
        this.background = new PollingLoop(context, pool, completions::backlog, Loop.BACKGROUND, prefix + "background");
        this.housekeeper = new Housekeeper(context, pool, completions, cleanup, this::wakeAll, prefix + "housekeeper");
        this.watchdog =
                new Watchdog(pool, delivery, handlers.shortestTimeout(config.handlerTimeout()), prefix + "watchdog");
    }

    /** A readable id unique per start: host, process id and a random suffix. */
    private static String newOwnerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        long pid = ManagementFactory.getRuntimeMXBean().getPid();
        return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void start() {
        pool.start(context.config().maxConcurrent(), delivery);
        completions.start();
        watchdog.start();
        foreground.start();
        background.start();
        housekeeper.start();
        wakeUps = context.repository().subscribeToWakeUps(foreground::wake);
        LOG.info(
                "Event dispatcher {} started with {} handler(s) on {}: {}",
                context.owner(),
                context.handlers().all().size(),
                context.repository(),
                context.config().describeDispatcher());
    }

    /**
     * Stops in order: stop claiming; give back claimed entries that never started; let running
     * handlers finish within the shutdown timeout, then interrupt them (an interrupted call counts
     * as a failed attempt, so a handler that never finishes still runs out of attempts); write
     * their outcomes; stop the heartbeat and the watchdog last.
     */
    public void stop() {
        Duration timeout = context.config().shutdownTimeout();
        context.stopping().set(true);
        wakeUps.close();
        try {
            foreground.stop();
            background.stop();
            releaseUnstarted();
            if (!pool.shutdown(timeout)) {
                LOG.warn(
                        "{} handler call(s) still running after the {} ms shutdown timeout; interrupting them",
                        delivery.active(),
                        timeout.toMillis());
                pool.interruptRunning();
                if (!pool.shutdown(Duration.ofSeconds(1))) {
                    abandonHung();
                }
            }
            completions.stop(timeout.plusSeconds(5));
            housekeeper.stop(Duration.ofSeconds(5));
            watchdog.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping event dispatcher {}", context.owner());
        }
        LOG.info("Event dispatcher {} stopped", context.owner());
    }

    /** Calls that ignored the interrupt: their attempts count as failed, written here, at once. */
    private void abandonHung() {
        for (Worker worker : pool.stillRunning()) {
            HandlerCall call = worker.call();
            if (call != null
                    && (call.timeOut(System.nanoTime(), 0) || call.state() == HandlerCall.TIMED_OUT)
                    && call.abandon()) {
                LOG.error(
                        "Handler {} ignored the interrupt on event {} at shutdown; the attempt counts as failed",
                        call.task().entry().handlerName(),
                        call.task().entry().eventId());
                try {
                    delivery.afterAbandoned(call).run();
                } catch (RuntimeException e) {
                    LOG.warn("Could not write the outcome of an abandoned call: {}", SecretMasking.mask(e.toString()));
                }
            }
        }
    }

    private void releaseUnstarted() {
        List<DeliveryTask> unstarted = pool.drainUnstarted();
        if (unstarted.isEmpty()) {
            return;
        }
        List<ClaimRef> claims = new ArrayList<>(unstarted.size());
        for (DeliveryTask task : unstarted) {
            task.leaveQueue();
            task.done();
            claims.add(task.entry().ref());
        }
        try {
            int released = context.repository().release(claims, context.clock().instant());
            LOG.info("Released {} claimed entries that had not started", released);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not release {} unstarted entries ({}); they return to the queue when their lease expires",
                    claims.size(),
                    SecretMasking.mask(e.toString()));
        }
    }

    public void wakeForeground() {
        foreground.wake();
    }

    /**
     * Entries of {@code loop} were enqueued here, due at {@code dueAt} ({@code null}: at once): the
     * loop claims them when they fall due instead of at its next poll.
     */
    public void expectDue(Loop loop, Instant dueAt) {
        context.dueTimes().expect(loop, dueAt);
    }

    public void wakeAll() {
        foreground.wake();
        background.wake();
    }

    public int activeHandlers() {
        return delivery.active();
    }

    /** The most handler calls seen running at once since start. */
    public int peakActiveHandlers() {
        return delivery.peakActive();
    }

    public String owner() {
        return context.owner();
    }

    /** Time since each loop last went round, for health; empty loops (no handlers) report zero. */
    public Duration sinceLastPoll(Loop loop) {
        PollingLoop polling = loop(loop);
        return polling.hasHandlers() ? polling.sinceLastPoll() : Duration.ZERO;
    }

    public Duration interval(Loop loop) {
        return loop(loop).interval();
    }

    PollingLoop loop(Loop loop) {
        return loop.isBackground() ? background : foreground;
    }

    /**
     * The dispatcher's threads that should be running but are not, by role. Every loop survives
     * any failure; a thread that still ends is reported here and makes health {@code DOWN}.
     */
    public Map<String, String> stoppedThreads() {
        Map<String, String> stopped = new LinkedHashMap<>();
        if (!foreground.isAlive()) {
            stopped.put("processingLoop", foreground.name());
        }
        if (!background.isAlive()) {
            stopped.put("backgroundLoop", background.name());
        }
        if (!completions.isAlive()) {
            stopped.put("completionWriter", completions.name());
        }
        if (!housekeeper.isAlive()) {
            stopped.put("housekeeper", housekeeper.name());
        }
        if (!watchdog.isAlive()) {
            stopped.put("watchdog", watchdog.name());
        }
        return stopped;
    }

    /** Whether this node saw the store fail and has not seen it answer since. */
    public boolean storeFailing() {
        return context.outages().isFailing();
    }
}
