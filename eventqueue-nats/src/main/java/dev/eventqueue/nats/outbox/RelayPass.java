package dev.eventqueue.nats.outbox;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a relay: claims committed outbox entries, hands them to the target store and deletes
 * them from the outbox.
 *
 * <p>The claim is the outbox store's own ({@code SKIP LOCKED} with a lease), so two relays never
 * hold one row at once. A relay that dies after forwarding and before deleting leaves its rows
 * claimed; once their lease runs out, {@link #recover()} makes them pending again and a relay
 * forwards them a second time, which the target drops: it never enqueues an event's entry for a
 * handler twice.
 */
final class RelayPass implements OutboxRelay.Pass {

    private static final Logger LOG = LoggerFactory.getLogger(RelayPass.class);
    /** How long an entry this relay cannot read or forward is left aside before it is tried again. */
    static final Duration SET_ASIDE = Duration.ofSeconds(30);

    private final EventQueueRepository outbox;
    private final EventQueueRepository target;
    private final RelaySettings settings;
    private final String owner;

    RelayPass(EventQueueRepository outbox, EventQueueRepository target, RelaySettings settings, String owner) {
        this.outbox = outbox;
        this.target = target;
        this.settings = settings;
        this.owner = owner;
    }

    /**
     * Forwards up to one batch per loop.
     *
     * @return how many outbox entries this pass claimed; none means the outbox had nothing to forward
     */
    @Override
    public int run() {
        // The handlers with entries waiting, whichever node published them: one small grouped count.
        Set<String> handlers = outbox.countByHandler(EntryStatus.PENDING).keySet();
        if (handlers.isEmpty()) {
            return 0;
        }
        int claimed = 0;
        for (Loop loop : Loop.values()) {
            claimed += forward(loop, handlers);
        }
        return claimed;
    }

    /**
     * Returns the rows of relays whose lease ran out (they died or hung) to the outbox, and deletes
     * forwarded rows that a failed delete left behind (a pass deletes only after it forwarded).
     */
    @Override
    public int recover() {
        Instant now = outbox.clock().instant();
        int recovered = outbox.releaseExpiredLeases(now).size();
        if (recovered > 0) {
            LOG.info("Recovered {} outbox entries of a relay that stopped before deleting them", recovered);
        }
        outbox.deleteCompletedBefore(now, settings.batchSize());
        return recovered;
    }

    private int forward(Loop loop, Set<String> handlers) {
        Instant now = outbox.clock().instant();
        List<ClaimedEntry> rows = outbox.claim(
                new ClaimRequest(now, settings.batchSize(), loop, handlers, owner, now.plus(settings.lease())));
        if (rows.isEmpty()) {
            return 0;
        }
        List<NewQueueEntry> entries = new ArrayList<>(rows.size());
        List<ClaimRef> claims = new ArrayList<>(rows.size());
        for (ClaimedEntry row : rows) {
            if (row.isReadable()) {
                entries.add(OutboxEntries.toTarget(row, loop));
                claims.add(row.ref());
            } else {
                // A type only other nodes know: leave it to their relays and look again later.
                LOG.warn(
                        "Outbox entry {} of event {} cannot be read on this node ({}); leaving it for a relay that can",
                        row.id(),
                        row.eventId(),
                        row.payloadError());
                outbox.reschedule(row.ref(), now.plus(SET_ASIDE), row.payloadError(), now);
            }
        }
        if (!entries.isEmpty()) {
            List<ClaimRef> forwarded;
            try {
                target.enqueue(entries);
                forwarded = claims;
            } catch (RuntimeException e) {
                forwarded = forwardOneByOne(entries, claims, e);
            }
            Instant done = outbox.clock().instant();
            outbox.complete(forwarded, done);
            outbox.deleteCompletedBefore(done.plusMillis(1), Math.max(forwarded.size(), settings.batchSize()));
        }
        return rows.size();
    }

    /**
     * After a batch the target refused: one entry at a time, so that one entry it cannot take is
     * set aside without holding back the others. Two failures in a row mean the target itself is
     * failing: the rest go back to the outbox and the error is thrown.
     *
     * @return the claims of the entries forwarded
     */
    private List<ClaimRef> forwardOneByOne(List<NewQueueEntry> entries, List<ClaimRef> claims, RuntimeException batch) {
        List<ClaimRef> forwarded = new ArrayList<>(claims.size());
        boolean previousFailed = false;
        for (int i = 0; i < entries.size(); i++) {
            NewQueueEntry entry = entries.get(i);
            try {
                target.enqueue(List.of(entry));
                forwarded.add(claims.get(i));
                previousFailed = false;
            } catch (RuntimeException e) {
                Instant now = outbox.clock().instant();
                if (previousFailed) {
                    outbox.complete(forwarded, now);
                    outbox.release(claims.subList(i, claims.size()), now); // forwarded again on a later pass
                    e.addSuppressed(batch);
                    throw e;
                }
                LOG.warn(
                        "Outbox entry {} of event {} for handler {} could not be forwarded; trying it again in {} s: {}",
                        entry.id(),
                        entry.event().getEventId(),
                        entry.handlerName(),
                        SET_ASIDE.toSeconds(),
                        e.toString());
                outbox.reschedule(claims.get(i), now.plus(SET_ASIDE), e.toString(), now);
                previousFailed = true;
            }
        }
        return forwarded;
    }
}
