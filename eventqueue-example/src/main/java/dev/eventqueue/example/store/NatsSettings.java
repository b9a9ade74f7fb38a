package dev.eventqueue.example.store;

import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.nats.NatsEventQueueRepository;
import java.util.List;

/**
 * A queue in NATS JetStream instead of a database: the server URL (a comma-separated list for a
 * cluster) and the prefix of the store's buckets. Credentials in the URL are never part of
 * {@link #toString()} or {@link #maskedUrl()}.
 */
public record NatsSettings(String url, String bucketPrefix) {

    public static final String URL_VARIABLE = NatsEventQueueRepository.URL_VARIABLE;
    public static final String BUCKET_PREFIX_VARIABLE = NatsEventQueueRepository.BUCKET_PREFIX_VARIABLE;
    public static final String DEFAULT_BUCKET_PREFIX = "eventqueue";

    /** The schemes the NATS client connects with. */
    public static final List<String> SCHEMES = List.of("nats://", "tls://", "ws://", "wss://");

    public NatsSettings {
        java.util.Objects.requireNonNull(url, "url");
        if (bucketPrefix == null || !bucketPrefix.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "NATS bucket prefix must be 1 to 64 letters, digits, '-' or '_', but was '" + bucketPrefix + "'");
        }
        for (String server : url.split(",", -1)) {
            String trimmed = server.trim();
            if (SCHEMES.stream().noneMatch(trimmed::startsWith) || trimmed.length() == schemeLength(trimmed)) {
                throw new IllegalArgumentException("NATS URL must be one or more comma-separated server URLs "
                        + "starting with " + String.join(", ", SCHEMES) + " (e.g. nats://127.0.0.1:4222), but was '"
                        + mask(url) + "'");
            }
        }
    }

    public static NatsSettings of(String url) {
        return new NatsSettings(url, DEFAULT_BUCKET_PREFIX);
    }

    public boolean isDefaultBucketPrefix() {
        return DEFAULT_BUCKET_PREFIX.equals(bucketPrefix);
    }

    /** The bucket that holds the entries: the store's name for messages. */
    public String entriesBucket() {
        return bucketPrefix + "_entries";
    }

    /** The URL with any user, password or token replaced by {@code ***}, safe to print. */
    public String maskedUrl() {
        return mask(url);
    }

    /** {@code text} with the user information of any URL in it (user, password or token) masked. */
    public static String mask(String text) {
        return SecretMasking.mask(text).replaceAll("(://)[^/@,\\s]+@", "$1" + SecretMasking.MASK + "@");
    }

    private static int schemeLength(String server) {
        return server.indexOf("://") + 3;
    }

    @Override
    public String toString() {
        return "NatsSettings[url=" + maskedUrl() + ", bucketPrefix=" + bucketPrefix + "]";
    }
}
