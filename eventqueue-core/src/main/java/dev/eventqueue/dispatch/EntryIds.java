package dev.eventqueue.dispatch;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for new queue entries: random version-4 UUIDs from {@link ThreadLocalRandom}. An entry id
 * only has to be unique, not unguessable, and {@link UUID#randomUUID()} (SecureRandom, shared
 * and locked) cost more than the rest of an in-memory publish.
 */
final class EntryIds {

    private EntryIds() {}

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }
}
