package dev.eventqueue.bench;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import java.util.ArrayList;
import java.util.List;

/** A no-op handler that only tells a {@link Probe} it started; one of up to three per event. */
public final class BenchHandler extends EventHandlerBase<BenchEvent> {

    /** What a handler reports; called on worker threads. */
    @FunctionalInterface
    public interface Probe {
        void started(BenchEvent event);
    }

    private final String name;
    private final Probe probe;

    public BenchHandler(int index, Probe probe) {
        this.name = "bench.handler-" + index;
        this.probe = probe;
    }

    /** {@code count} handlers named {@code bench.handler-1..count}, all reporting to one probe. */
    public static List<BenchHandler> several(int count, Probe probe) {
        List<BenchHandler> handlers = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            handlers.add(new BenchHandler(i, probe));
        }
        return handlers;
    }

    @Override
    public void handle(BenchEvent event) {
        probe.started(event);
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof BenchEvent;
    }

    @Override
    public String getName() {
        return name;
    }
}
