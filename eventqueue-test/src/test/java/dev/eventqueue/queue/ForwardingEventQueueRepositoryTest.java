package dev.eventqueue.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.testing.EventQueueRepositoryContract;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forwarding store keeps the whole contract, and forwards every SPI method, defaults included. */
class ForwardingEventQueueRepositoryTest extends EventQueueRepositoryContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new ForwardingEventQueueRepository(new InMemoryEventQueueRepository()) {};
    }

    @Test
    void forwardsEverySpiMethodIncludingDefaults() {
        List<String> notForwarded = Arrays.stream(EventQueueRepository.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !declaredByForwarding(method))
                .map(Method::getName)
                .toList();
        assertThat(notForwarded)
                .as("SPI methods ForwardingEventQueueRepository does not override")
                .isEmpty();
    }

    private static boolean declaredByForwarding(Method method) {
        try {
            ForwardingEventQueueRepository.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
