package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.monitoring.EventQueueInterceptor;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.events.TestEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What an interceptor is told when a publish fails part-way. */
class PublishInterceptionTest {

    @Test
    void aPublishRejectedPartWayEndsEveryScopeItBeganWithTheErrorAndEnqueuesNothing() {
        List<String> ended = new CopyOnWriteArrayList<>();
        EventQueueInterceptor interceptor = new EventQueueInterceptor() {
            @Override
            public PublishScope onPublish(DomainEvent event, String handlerName, Map<String, String> headers) {
                return error -> ended.add(event.getEventId() + " " + (error == null ? "ok" : error.getMessage()));
            }
        };
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(ScriptedHandler.named("any"))
                .interceptor(interceptor)
                .build()) {
            TestEvent first = TestEvent.of("Tick", 1);

            assertThatThrownBy(() -> dispatcher.publishAll(Arrays.asList(first, null), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("events[1] is null");

            assertThat(ended).containsExactly(first.getEventId() + " events[1] is null");
            assertThat(dispatcher.getStats().pending()).isZero();
        }
    }
}
