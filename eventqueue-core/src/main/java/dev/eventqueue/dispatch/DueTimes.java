package dev.eventqueue.dispatch;

import dev.eventqueue.queue.Loop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where each loop of a dispatcher sleeps, and what this node knows of when entries fall due:
 * retries it scheduled, delayed events it published, and the next due time the store reported
 * after a claim. A loop sleeps until the earliest of these, so that such an entry starts at its
 * due time rather than at the next poll.
 */
final class DueTimes {

    private final Clock clock;
    private final Waiter foreground = new Waiter();
    private final Waiter background = new Waiter();

    /** @param clock the store's clock, by which every due time is given */
    DueTimes(Clock clock) {
        this.clock = clock;
    }

    Waiter waiter(Loop loop) {
        return loop.isBackground() ? background : foreground;
    }

    /** An entry of {@code loop} falls due at {@code dueAt} (by the store's clock); {@code null} means now. */
    void expect(Loop loop, Instant dueAt) {
        Waiter waiter = waiter(loop);
        if (dueAt == null) {
            waiter.wake();
            return;
        }
        long delayNanos = Duration.between(clock.instant(), dueAt).toNanos();
        if (delayNanos <= 0) {
            waiter.wake();
        } else {
            waiter.expect(System.nanoTime() + delayNanos);
        }
    }
}
