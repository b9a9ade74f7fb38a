package dev.eventqueue.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import dev.eventqueue.testing.events.TestEvent;
import org.junit.jupiter.api.Test;

class EventTypeRegistryTest {

    private final EventTypeRegistry registry = new EventTypeRegistry();

    @Test
    void resolvesAnExplicitTypeNameAndFallsBackToTheSimpleClassName() {
        registry.register(OrderPlacedEvent.TYPE, OrderPlacedEvent.class);
        registry.register(SeatReservedEvent.class);

        assertThat(registry.resolve("OrderPlaced")).contains(OrderPlacedEvent.class);
        assertThat(registry.resolve("OrderPlacedEvent")).contains(OrderPlacedEvent.class);
        assertThat(registry.resolve("SeatReservedEvent")).contains(SeatReservedEvent.class);
        assertThat(registry.resolve("java.lang.Runtime"))
                .as("never a class lookup by name")
                .isEmpty();
        assertThat(registry.knownTypeNames()).containsExactly("OrderPlaced", "OrderPlacedEvent", "SeatReservedEvent");
    }

    @Test
    void aTypeNameCannotBeBoundToASecondClass() {
        registry.register("Tick", TestEvent.class);
        registry.register("Tick", TestEvent.class); // the same binding again is fine

        assertThatThrownBy(() -> registry.register("Tick", OrderPlacedEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Tick' is already bound to " + TestEvent.class.getName());
        assertThat(registry.resolve("Tick")).contains(TestEvent.class);
    }

    @Test
    void abstractClassesAndInterfacesAreRejected() {
        assertThatThrownBy(() -> registry.register(AbstractDomainEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("abstract or an interface");
        assertThatThrownBy(() -> registry.register("Any", DomainEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("abstract or an interface");
    }

    @Test
    void aViewOverTwoDispatchersRegistriesReadsBothAsTheyGrowAndBindsNothingOfItsOwn() {
        EventTypeRegistry other = new EventTypeRegistry();
        registry.register(OrderPlacedEvent.TYPE, OrderPlacedEvent.class);
        EventTypeRegistry both = registry.and(other);
        EventTypeRegistry three = both.and(new EventTypeRegistry());
        other.register("Tick", TestEvent.class); // registered after the view was made

        assertThat(registry.and(registry)).isSameAs(registry);
        assertThat(three.resolve("OrderPlaced")).contains(OrderPlacedEvent.class);
        assertThat(three.resolve("Tick")).contains(TestEvent.class);
        assertThat(three.typeNameOf(TestEvent.class)).isEqualTo("Tick");
        assertThat(three.knowsClass(TestEvent.class)).isTrue();
        assertThat(registry.resolve("Tick"))
                .as("the dispatchers' registries stay their own")
                .isEmpty();
    }
}
