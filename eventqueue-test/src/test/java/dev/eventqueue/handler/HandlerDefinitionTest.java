package dev.eventqueue.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Handler base classes, their defaults, and what build() refuses. */
class HandlerDefinitionTest {

    static final class OrderHandler extends EventHandlerBase<OrderPlacedEvent> {
        @Override
        public void handle(OrderPlacedEvent event) {}

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof OrderPlacedEvent;
        }
    }

    static class AuditHandler extends MultiEventHandlerBase {
        @Override
        public void handle(DomainEvent event) {}

        @Override
        public Set<String> getSupportedEventTypes() {
            return Set.of("OrderPlaced", "SeatReservedEvent");
        }
    }

    /** A generic intermediate class: the event type is bound one level further down. */
    abstract static class LoggingHandler<E extends DomainEvent> extends EventHandlerBase<E> {
        @Override
        public void handle(E event) {}
    }

    static final class SeatHandler extends LoggingHandler<SeatReservedEvent> {
        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof SeatReservedEvent;
        }
    }

    @Test
    void eventHandlerBaseHasTheDocumentedDefaults() {
        OrderHandler handler = new OrderHandler();

        assertThat(handler.getPriority()).isEqualTo(100);
        assertThat(handler.isBackground()).isFalse();
        assertThat(handler.getMaxRetries()).isEqualTo(3);
        assertThat(handler.getRetryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(handler.getName()).isEqualTo(OrderHandler.class.getName());
    }

    @Test
    void multiEventHandlerAcceptsItsSupportedTypesByName() {
        AuditHandler handler = new AuditHandler();

        assertThat(handler.canHandle(OrderPlacedEvent.sample("o", Instant.now())))
                .isTrue();
        assertThat(handler.canHandle(SeatReservedEvent.sample("A1", Instant.now())))
                .isTrue();
        assertThat(handler.canHandle(TestEvent.of("Other", 1))).isFalse();
    }

    @Test
    void theConsumedEventClassIsResolvedFromTheTypeArgument() {
        assertThat(new OrderHandler().getEventClass()).isEqualTo(OrderPlacedEvent.class);
        assertThat(new SeatHandler().getEventClass()).isEqualTo(SeatReservedEvent.class);
        assertThat(new AuditHandler().getEventClass())
                .as("DomainEvent is not a concrete class")
                .isNull();
    }

    @Test
    void twoHandlersWithOneNameFailBuild() {
        EventDispatcher.Builder builder =
                EventDispatcher.builder().handler(new OrderHandler()).handler(new OrderHandler());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two handlers are named '" + OrderHandler.class.getName() + "'");
    }

    @Test
    void handlersWithInvalidSettingsFailBuild() {
        EventHandlerBase<DomainEvent> blankName = new AuditHandler() {
            @Override
            public String getName() {
                return " ";
            }
        };
        EventHandlerBase<DomainEvent> negativeRetries = new AuditHandler() {
            @Override
            public int getMaxRetries() {
                return -1;
            }
        };
        EventHandlerBase<DomainEvent> negativeDelay = new AuditHandler() {
            @Override
            public Duration getRetryDelay() {
                return Duration.ofMillis(-1);
            }
        };

        assertThatThrownBy(() -> EventDispatcher.builder().handler(blankName).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank name");
        assertThatThrownBy(
                        () -> EventDispatcher.builder().handler(negativeRetries).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getMaxRetries() < 0: -1");
        assertThatThrownBy(
                        () -> EventDispatcher.builder().handler(negativeDelay).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getRetryDelay()");
    }
}
