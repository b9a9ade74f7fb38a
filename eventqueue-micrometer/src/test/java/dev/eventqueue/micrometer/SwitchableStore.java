package dev.eventqueue.micrometer;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** An in-memory store that can be made unreachable: every call then throws, as a lost database would. */
final class SwitchableStore {

    private final InMemoryEventQueueRepository target = new InMemoryEventQueueRepository();
    private volatile boolean down;

    void setDown(boolean down) {
        this.down = down;
    }

    EventQueueRepository repository() {
        return (EventQueueRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EventQueueRepository.class}, (proxy, method, args) -> {
                    if (down) {
                        throw new IllegalStateException("store unreachable");
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
