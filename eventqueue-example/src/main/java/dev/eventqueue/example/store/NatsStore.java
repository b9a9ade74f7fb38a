package dev.eventqueue.example.store;

import dev.eventqueue.example.Logging;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.nats.NatsStoreException;

/**
 * Opens the JetStream store of {@link NatsSettings}. A server that cannot be reached, or that has
 * no JetStream, is reported as a {@link StoreUnavailableException} with one line for the operator
 * naming the URL without its credentials.
 */
public final class NatsStore {

    private NatsStore() {}

    /** Connects, and creates the buckets when they are missing (the store's way of opening). */
    public static NatsEventQueueRepository open(NatsSettings settings) {
        Logging.quietNatsClient();
        try {
            return NatsEventQueueRepository.builder(settings.url())
                    .bucketPrefix(settings.bucketPrefix())
                    .build();
        } catch (NatsStoreException | IllegalArgumentException e) {
            throw new StoreUnavailableException("cannot use NATS at " + settings.maskedUrl() + ": " + reason(e), e);
        }
    }

    /** The innermost cause's message on one line, with any credentials masked. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return NatsSettings.mask(DatabaseProbe.oneLine(message));
    }
}
