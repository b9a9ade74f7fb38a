package dev.eventqueue.docs.readme;

// tag::readme-in-memory[]
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public class QuickStart {

    /** A domain event: an immutable fact, named in the past tense. */
    public static class AttemptSubmitted extends AbstractDomainEvent {
        private final String attemptId;
        private final String candidateId;

        public AttemptSubmitted(String attemptId, String candidateId) {
            this.attemptId = attemptId;
            this.candidateId = candidateId;
        }

        private AttemptSubmitted() { // lets a database store read it back, with or without -parameters
            this(null, null);
        }

        public String getAttemptId() {
            return attemptId;
        }

        public String getCandidateId() {
            return candidateId;
        }

        @Override
        public String getAggregateId() {
            return attemptId;
        }
    }

    /** A handler: runs once per event on a worker thread; an exception schedules a retry. */
    public static class ScoreAttempt extends EventHandlerBase<AttemptSubmitted> {
        private final CountDownLatch done;

        public ScoreAttempt(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void handle(AttemptSubmitted event) {
            System.out.println("Scoring " + event.getAttemptId() + " of " + event.getCandidateId());
            done.countDown();
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof AttemptSubmitted;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch scored = new CountDownLatch(2);
        EventDispatcher dispatcher = EventDispatcher.builder() // in-memory queue unless told otherwise
                .handler(new ScoreAttempt(scored))
                .build();
        dispatcher.start();
        try {
            Credentials candidate = new Credentials("candidate-7", "CANDIDATE");
            dispatcher.publish(new AttemptSubmitted("attempt-1", "candidate-7"), candidate);
            dispatcher.publish(new AttemptSubmitted("attempt-2", "candidate-7"), candidate);

            // The dispatcher's threads are daemons: keep main alive until the work is done.
            if (!scored.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not scored in time: " + dispatcher.getStats());
            }
        } finally {
            dispatcher.stop(); // lets running handlers finish and records their outcomes
        }
        System.out.println(dispatcher.getStats()); // QueueStats[pending=0, processing=0, completed=2, ...]
    }
}
// end::readme-in-memory[]
