package dev.eventqueue.dispatch;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for new queue entries: time-ordered version-7 UUIDs (RFC 9562), 48 bits of Unix
 * milliseconds followed by 74 random bits from {@link ThreadLocalRandom}.
 *
 * <p>Time order keeps a database's primary-key inserts at the right edge of the index: with
 * random ids every insert lands on a random leaf page, so once the key index outgrows the cache
 * each publish reads a page from disk, and InnoDB, which stores rows in key order, splits pages.
 * An entry id only has to be unique, not unguessable, and {@link UUID#randomUUID()} (SecureRandom,
 * shared and locked) cost more than the rest of an in-memory publish.
 */
final class EntryIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long IETF_VARIANT = 0x8000000000000000L;

    private EntryIds() {}

    static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | VERSION_7 | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | IETF_VARIANT;
        return new UUID(high, low);
    }
}
