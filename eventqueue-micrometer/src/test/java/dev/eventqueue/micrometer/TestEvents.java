package dev.eventqueue.micrometer;

import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

final class TestEvents {

    private TestEvents() {}

    static final class OrderPlaced extends AbstractDomainEvent {}

    static final class OrderShipped extends AbstractDomainEvent {}

    /** Succeeds on every call. */
    static final class PlacedHandler extends EventHandlerBase<OrderPlaced> {
        @Override
        public void handle(OrderPlaced event) {}

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof OrderPlaced;
        }

        @Override
        public String getName() {
            return "placed-handler";
        }
    }

    /** Fails its first {@code failures} calls, then succeeds. */
    static final class FlakyShippedHandler extends EventHandlerBase<OrderShipped> {
        private final AtomicInteger remainingFailures;

        FlakyShippedHandler(int failures) {
            this.remainingFailures = new AtomicInteger(failures);
        }

        @Override
        public void handle(OrderShipped event) {
            if (remainingFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("carrier unavailable");
            }
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof OrderShipped;
        }

        @Override
        public int getMaxRetries() {
            return 1;
        }

        @Override
        public Duration getRetryDelay() {
            return Duration.ofMillis(10);
        }

        @Override
        public String getName() {
            return "shipped-handler";
        }
    }
}
