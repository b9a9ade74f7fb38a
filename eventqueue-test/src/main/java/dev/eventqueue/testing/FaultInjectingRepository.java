package dev.eventqueue.testing;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps any store and makes chosen calls throw once: an {@link Error}, as a bug or an exhausted
 * JVM would, or a {@link RuntimeException}, as a lost connection would. For tests that the
 * dispatcher's loops, writer and housekeeper survive whatever their store throws.
 */
public final class FaultInjectingRepository extends ForwardingEventQueueRepository {

    /** The calls a test can make fail. */
    public enum Call {
        CLAIM,
        COMPLETE,
        EXTEND_LEASES,
        RELEASE_EXPIRED_LEASES
    }

    private final Set<Call> errorOnce = ConcurrentHashMap.newKeySet();
    private final Set<Call> injected = ConcurrentHashMap.newKeySet();

    public FaultInjectingRepository(EventQueueRepository delegate) {
        super(delegate);
    }

    /** The next {@code call} throws an {@link AssertionError} (an {@link Error}) before reaching the store. */
    public FaultInjectingRepository throwErrorOnce(Call call) {
        errorOnce.add(call);
        return this;
    }

    /** Whether the error for {@code call} was thrown. */
    public boolean thrown(Call call) {
        return injected.contains(call);
    }

    private void maybeFail(Call call) {
        if (errorOnce.remove(call)) {
            injected.add(call);
            throw new AssertionError("injected failure of " + call);
        }
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        maybeFail(Call.CLAIM);
        return super.claim(request);
    }

    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        maybeFail(Call.COMPLETE);
        return super.complete(claims, now);
    }

    @Override
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        maybeFail(Call.EXTEND_LEASES);
        return super.extendLeases(claims, leaseUntil, now);
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        maybeFail(Call.RELEASE_EXPIRED_LEASES);
        return super.releaseExpiredLeases(now);
    }
}
