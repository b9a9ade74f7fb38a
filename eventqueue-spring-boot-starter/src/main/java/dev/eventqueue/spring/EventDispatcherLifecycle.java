package dev.eventqueue.spring;

import dev.eventqueue.EventDispatcher;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the dispatcher's loops once the context is refreshed and stops them gracefully on
 * shutdown, before singleton beans such as the DataSource are destroyed.
 *
 * <p>Its {@link #PHASE} sits between the web server's two lifecycles: it starts after the web
 * server has started, and on shutdown it stops after the web server's graceful shutdown has let
 * in-flight requests finish (their publishes included) but before the web server itself stops.
 * {@link #stop()} blocks until running handlers finish or
 * {@link dev.eventqueue.EventQueueConfig#shutdownTimeout()} passes.
 */
public final class EventDispatcherLifecycle implements SmartLifecycle {

    /** Web server start/stop runs at {@code DEFAULT_PHASE - 2048}, graceful shutdown at {@code DEFAULT_PHASE - 1024}. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcherLifecycle.class);

    private final EventDispatcher dispatcher;
    private final boolean autoStartup;

    public EventDispatcherLifecycle(EventDispatcher dispatcher, boolean autoStartup) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        LOG.debug("Starting event queue processing with handlers {}", dispatcher.getHandlerNames());
        dispatcher.start();
    }

    @Override
    public void stop() {
        LOG.info(
                "Stopping event queue processing (waiting up to {} for running handlers)",
                dispatcher.getConfig().shutdownTimeout());
        dispatcher.stop();
    }

    @Override
    public boolean isRunning() {
        return dispatcher.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
