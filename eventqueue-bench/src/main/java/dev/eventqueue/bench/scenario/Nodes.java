package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.bench.BenchHandler;
import dev.eventqueue.bench.store.QueueStore;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import java.util.ArrayList;
import java.util.List;

/** The dispatchers of one run, each on its own repository of the store; closed together. */
final class Nodes implements AutoCloseable {

    private final List<EventDispatcher> dispatchers = new ArrayList<>();
    private final List<AutoCloseable> tracingResources = new ArrayList<>();

    Nodes(
            QueueStore store,
            int count,
            int handlers,
            BenchHandler.Probe probe,
            EventQueueConfig config,
            AuditLog auditLog) {
        this(store, count, handlers, probe, config, auditLog, Tracing.OFF);
    }

    Nodes(
            QueueStore store,
            int count,
            int handlers,
            BenchHandler.Probe probe,
            EventQueueConfig config,
            AuditLog auditLog,
            Tracing tracing) {
        for (int i = 0; i < count; i++) {
            EventDispatcher.Builder builder = EventDispatcher.builder()
                    .config(config)
                    .repository(store.newNode())
                    .handlers(BenchHandler.several(handlers, probe));
            if (auditLog != null) {
                builder.auditLog(auditLog);
            }
            EventQueueInterceptor interceptor = tracing.newInterceptor(tracingResources);
            if (interceptor != null) {
                builder.interceptor(interceptor);
            }
            dispatchers.add(builder.build());
        }
    }

    EventDispatcher get(int index) {
        return dispatchers.get(index);
    }

    void startAll() {
        dispatchers.forEach(EventDispatcher::start);
    }

    @Override
    public void close() {
        dispatchers.forEach(EventDispatcher::close);
        for (AutoCloseable resource : tracingResources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not shut the tracer provider down", e);
            }
        }
    }
}
