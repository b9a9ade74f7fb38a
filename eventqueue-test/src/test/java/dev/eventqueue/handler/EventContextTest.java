package dev.eventqueue.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The delivery's context on the handler's thread. */
class EventContextTest {

    @Test
    void outsideAHandlerCallCurrentThrows() {
        assertThatThrownBy(EventContext::current)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside an event handler call");
    }

    @Test
    void aScopeMakesAContextCurrentAndRestoresThePreviousOneWhenClosed() {
        UUID outerId = UUID.randomUUID();
        UUID innerId = UUID.randomUUID();
        try (EventContext.Scope outer = EventContext.open(outerId, "outer", 1, null)) {
            try (EventContext.Scope inner = EventContext.open(innerId, "inner", 2, new Credentials("u", "r"))) {
                assertThat(EventContext.current().getEntryId()).isEqualTo(innerId);
                assertThat(EventContext.current().getAttempt()).isEqualTo(2);
            }
            assertThat(EventContext.current().getEntryId()).isEqualTo(outerId);
            assertThat(EventContext.current().getHandlerName()).isEqualTo("outer");
            assertThat(EventContext.current().getCredentials()).isNull();
        }
        assertThatThrownBy(EventContext::current).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThreadCanOpenAndCloseContextsOneAfterAnotherAndHasNoneBetweenThem() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            UUID entryId = UUID.randomUUID();
            try (EventContext.Scope ignored = EventContext.open(entryId, "handler", attempt, null)) {
                assertThat(EventContext.current().getEntryId()).isEqualTo(entryId);
                assertThat(EventContext.current().getAttempt()).isEqualTo(attempt);
            }
            assertThatThrownBy(EventContext::current).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void handleHooksAndOnFailureSeeTheDeliverysCredentialsAttemptEntryAndHandler() {
        Credentials manager = new Credentials("m-7", "MANAGER");
        ScriptedHandler handler = ScriptedHandler.named("context").maxRetries(1).onAfter((e, c) -> {
            throw new IllegalStateException("fail after handle");
        });
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .build()) {
            dispatcher.start();
            TestEvent event = TestEvent.of("Tick", 1);
            dispatcher.publish(event, manager);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> handler.calls("failure").size() == 1);
            QueueEntry entry =
                    dispatcher.getRepository().findByEventId(event.getEventId()).get(0);
            assertThat(handler.calls())
                    .extracting(ScriptedHandler.Call::hook, ScriptedHandler.Call::attempt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("before", 1),
                            org.assertj.core.groups.Tuple.tuple("handle", 1),
                            org.assertj.core.groups.Tuple.tuple("after", 1),
                            org.assertj.core.groups.Tuple.tuple("before", 2),
                            org.assertj.core.groups.Tuple.tuple("handle", 2),
                            org.assertj.core.groups.Tuple.tuple("after", 2),
                            org.assertj.core.groups.Tuple.tuple("failure", 2));
            assertThat(handler.calls()).allSatisfy(call -> {
                assertThat(call.credentials()).isEqualTo(manager);
                assertThat(call.entryId()).isEqualTo(entry.id());
                assertThat(call.handlerName()).isEqualTo("test.context");
                assertThat(call.thread()).as("on a worker thread").contains("-worker-");
            });
        }
    }

    @Test
    void credentialsAreNullWhenPublishedWithout() {
        ScriptedHandler handler = ScriptedHandler.named("anonymous");
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .handler(handler)
                .build()) {
            dispatcher.start();
            dispatcher.publish(TestEvent.of("Tick", 1), null);

            await().atMost(Duration.ofSeconds(20)).until(() -> handler.handleCount() == 1);
            assertThat(handler.calls("handle").get(0).credentials()).isNull();
            assertThat(handler.calls("handle").get(0).attempt()).isEqualTo(1);
        }
    }
}
