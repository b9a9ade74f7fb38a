package dev.eventqueue.dispatch;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.WakeUpSubscription;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running half of a dispatcher between {@code start()} and {@code stop()}: two polling
 * loops, the worker pool, the completion writer and the housekeeper, under one owner id.
 * A new runtime is made for every start, so a stopped dispatcher can be started again.
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
    private WakeUpSubscription wakeUps = WakeUpSubscription.NONE;

    public DispatchRuntime(
            EventQueueConfig config,
            EventQueueRepository repository,
            HandlerRegistry handlers,
            Clock clock,
            Auditor auditor,
            Listeners listeners,
            Runnable cleanup) {
        String owner = newOwnerId();
        this.context = new RuntimeContext(
                config,
                repository,
                handlers,
                clock,
                auditor,
                listeners,
                new RetryPolicy(config.retryBackoff(), config.maxRetryDelay()),
                owner,
                new AtomicBoolean());
        String prefix = "eventqueue-" + owner.substring(owner.length() - 8) + "-";
        this.pool = new WorkerPool(config.maxConcurrent(), prefix + "worker-");
        this.completions = new CompletionWriter(context, prefix + "completions");
        this.delivery = new Delivery(context, completions);
        this.foreground = new PollingLoop(context, pool, delivery, completions::backlog, false, prefix + "processing");
        this.background = new PollingLoop(context, pool, delivery, completions::backlog, true, prefix + "background");
        this.housekeeper = new Housekeeper(context, this::heldEntries, cleanup, this::wakeAll, prefix + "housekeeper");
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
        completions.start();
        foreground.start();
        background.start();
        housekeeper.start();
        wakeUps = context.repository().subscribeToWakeUps(foreground::wake);
        LOG.info(
                "Event dispatcher {} started with {} handler(s): {}",
                context.owner(),
                context.handlers().all().size(),
                context.config().describe());
    }

    /**
     * Stops in order: stop claiming; give back claimed entries that never started; let running
     * handlers finish within the shutdown timeout; write their outcomes; stop the heartbeat last.
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
                        "{} handler call(s) still running after the {} ms shutdown timeout; interrupting them. "
                                + "Their entries return to the queue when their lease expires",
                        delivery.active(),
                        timeout.toMillis());
                pool.interruptRunning();
                pool.shutdown(Duration.ofSeconds(1));
            }
            completions.stop(timeout.plusSeconds(5));
            housekeeper.stop(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping event dispatcher {}", context.owner());
        }
        LOG.info("Event dispatcher {} stopped", context.owner());
    }

    private void releaseUnstarted() {
        List<DeliveryTask> unstarted = pool.drainUnstarted();
        if (unstarted.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(unstarted.size());
        for (DeliveryTask task : unstarted) {
            task.abandon();
            ids.add(task.entry().id());
        }
        try {
            int released = context.repository()
                    .release(ids, context.owner(), context.clock().instant());
            LOG.info("Released {} claimed entries that had not started", released);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not release {} unstarted entries ({}); they return to the queue when their lease expires",
                    ids.size(),
                    e.toString());
        }
    }

    public void wakeForeground() {
        foreground.wake();
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
    public Duration sinceLastPoll(boolean backgroundLoop) {
        PollingLoop loop = backgroundLoop ? background : foreground;
        return loop.hasHandlers() ? loop.sinceLastPoll() : Duration.ZERO;
    }

    public Duration interval(boolean backgroundLoop) {
        return (backgroundLoop ? background : foreground).interval();
    }

    private int heldEntries() {
        return delivery.active() + completions.backlog() + pool.queued();
    }
}
