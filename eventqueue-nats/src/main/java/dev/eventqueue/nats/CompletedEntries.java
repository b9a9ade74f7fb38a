package dev.eventqueue.nats;

import dev.eventqueue.nats.EntryView.Versioned;
import dev.eventqueue.queue.EntryStatus;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed entries of the entry bucket, read from the server: nodes do not hold them (see
 * {@link EntryView}), so lookups, listings and cleanup of completed entries read the bucket's
 * current values in the order they were written, oldest first, and delete by purging the key.
 */
final class CompletedEntries {

    private static final Logger log = LoggerFactory.getLogger(CompletedEntries.class);

    /** The revision {@link #purge} returns when the entry changed since it was read. */
    static final long CHANGED = -1;

    private final KeyValue entries;
    private final JetStream jetStream;
    /** The subject prefix of the bucket's keys ({@code $KV.<bucket>.}). */
    private final String subjectPrefix;

    private final EntryCodec codec;
    private final Duration timeout;

    CompletedEntries(KeyValue entries, JetStream jetStream, String subjectPrefix, EntryCodec codec, Duration timeout) {
        this.entries = entries;
        this.jetStream = jetStream;
        this.subjectPrefix = subjectPrefix;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** The keys of every entry. */
    static final String ALL = "e.>";

    /**
     * The completed entries of one event among the keys it would have for handlers whose key
     * ends in one of {@code keySuffixes}: one read of each key, no consumer.
     */
    List<Versioned> ofEvent(UUID eventId, Collection<String> keySuffixes) {
        List<Versioned> found = new ArrayList<>();
        for (String suffix : keySuffixes) {
            String key = "e." + eventId + "." + suffix;
            KeyValueEntry entry;
            try {
                entry = entries.get(key);
            } catch (IOException | JetStreamApiException e) {
                throw new NatsStoreException("JetStream store could not read an entry: " + e.getMessage(), e);
            }
            EntryState state = entry == null ? null : read(entry);
            if (state != null && state.status() == EntryStatus.COMPLETED) {
                found.add(new Versioned(key, state, entry.getRevision()));
            }
        }
        return found;
    }

    /**
     * Hands each completed entry under {@code keys} (a key filter, wildcards allowed) to
     * {@code visitor}, oldest write first, until the visitor returns false or every current value
     * has been read. Values written after the read started may be missed.
     */
    void scan(String keys, Predicate<Versioned> visitor) {
        CountDownLatch done = new CountDownLatch(1);
        // Values come one after another on the watch's thread, but the client may report the end
        // on this thread when nothing matched, and a read that timed out is stopped from here: the
        // lock keeps the visitor from running after the end, once this thread reads what it collected.
        class Reader implements KeyValueWatcher {
            private boolean stopped;

            @Override
            public synchronized void watch(KeyValueEntry entry) {
                if (stopped) {
                    return;
                }
                EntryState state = read(entry);
                if (state != null
                        && state.status() == EntryStatus.COMPLETED
                        && !visitor.test(new Versioned(entry.getKey(), state, entry.getRevision()))) {
                    stop();
                }
            }

            @Override
            public synchronized void endOfData() {
                stop();
            }

            synchronized void stop() {
                stopped = true;
                done.countDown();
            }
        }
        Reader reader = new Reader();
        NatsKeyValueWatchSubscription subscription;
        try {
            subscription = entries.watch(keys, reader, KeyValueWatchOption.IGNORE_DELETE);
        } catch (IOException | JetStreamApiException e) {
            throw new NatsStoreException("JetStream store could not read completed entries: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while reading completed entries", e);
        }
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NatsStoreException(
                        "JetStream store could not read the completed entries of bucket '" + entries.getBucketName()
                                + "' within " + timeout,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsStoreException("Interrupted while reading completed entries", e);
        } finally {
            reader.stop();
            subscription.unsubscribe();
        }
    }

    private EntryState read(KeyValueEntry entry) {
        try {
            return codec.read(entry.getValue());
        } catch (RuntimeException e) {
            log.debug(
                    "Skipped an unreadable value of key {} while reading completed entries: {}",
                    entry.getKey(),
                    e.toString());
            return null;
        }
    }

    /**
     * Deletes a completed entry read at its revision, unless it changed since, and returns the
     * revision of the purge (or {@link #CHANGED}). A purge, unlike a delete, tells every node's
     * watch that a completed entry left the bucket; its revision lets this node tell its own purge
     * from another's when the watch brings it.
     */
    long purge(Versioned completed) {
        Headers headers = new Headers()
                .put("KV-Operation", "PURGE")
                .put("Nats-Rollup", "sub")
                .put("Nats-Expected-Last-Subject-Sequence", Long.toString(completed.revision()));
        try {
            PublishAck ack = jetStream.publish(NatsMessage.builder()
                    .subject(subjectPrefix + completed.key())
                    .headers(headers)
                    .build());
            return ack.getSeqno();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsEventQueueRepository.WRONG_LAST_SEQUENCE) {
                return CHANGED; // deleted by another node, or published again after a delete
            }
            throw new NatsStoreException("JetStream store could not delete a completed entry: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NatsStoreException("JetStream store could not delete a completed entry: " + e.getMessage(), e);
        }
    }
}
