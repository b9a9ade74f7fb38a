package dev.eventqueue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fixtures of the repository contract: the store under test, fixed times, owners, handler names,
 * and builders for entries and claims. See {@link EventQueueRepositoryContract}.
 */
public abstract class RepositoryContractSupport {

    /** A fixed base time, millisecond precision, in a month without any DST change. */
    protected static final Instant BASE = Instant.parse("2024-05-14T12:00:00.123Z");
    /**
     * The hour that happened twice in São Paulo when DST ended on 2019-02-17 (second pass, UTC-3).
     * A store that writes local wall-clock time in a non-UTC session reads it back one hour early.
     */
    protected static final Instant AMBIGUOUS_LOCAL_HOUR = Instant.parse("2019-02-17T02:30:45.678Z");

    protected static final String OWNER_A = "node-a:1:aaaaaaaa";
    protected static final String OWNER_B = "node-b:2:bbbbbbbb";
    protected static final String HANDLER_1 = "com.example.handlers.InvoiceHandler";
    protected static final String HANDLER_2 = "com.example.handlers.MailHandler";
    protected static final String BG_HANDLER = "com.example.handlers.ReportHandler";
    protected static final Set<String> ALL_HANDLERS = Set.of(HANDLER_1, HANDLER_2, BG_HANDLER);
    protected static final Credentials MANAGER = new Credentials("user-42", "MANAGER");

    protected EventQueueRepository repository;

    /** A new, empty store; called once per test. */
    protected abstract EventQueueRepository newRepository();

    @BeforeEach
    final void createRepositoryAndRegisterTypes() {
        repository = newRepository();
        // One type with an explicit name different from its class, one found by its simple name.
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(OrderPlacedEvent.TYPE, OrderPlacedEvent.class);
        types.register(SeatReservedEvent.class);
        repository.attach(new RepositoryContext(types, 1_048_576));
    }

    /** {@code BASE} plus whole seconds. */
    protected static Instant at(long seconds) {
        return BASE.plusSeconds(seconds);
    }

    protected static OrderPlacedEvent order(String orderId) {
        return OrderPlacedEvent.sample(orderId, BASE.minusSeconds(60));
    }

    protected static SeatReservedEvent seat(String seat) {
        return SeatReservedEvent.sample(seat, BASE.minusSeconds(30).truncatedTo(ChronoUnit.MILLIS));
    }

    protected static EntryBuilder entry(DomainEvent event, String handlerName) {
        return new EntryBuilder(event, handlerName);
    }

    protected List<ClaimedEntry> claim(Instant now, int limit, boolean background, Set<String> handlers, String owner) {
        return claim(now, limit, background, handlers, owner, now.plusSeconds(30));
    }

    protected List<ClaimedEntry> claim(
            Instant now, int limit, boolean background, Set<String> handlers, String owner, Instant leaseUntil) {
        return repository.claim(new ClaimRequest(now, limit, Loop.of(background), handlers, owner, leaseUntil));
    }

    /** The claims of some claimed entries. */
    protected static List<ClaimRef> refs(List<ClaimedEntry> claimed) {
        return claimed.stream().map(ClaimedEntry::ref).toList();
    }

    /** The only entry of an event, or {@code null} when the store no longer keeps it. */
    protected QueueEntry stored(DomainEvent event) {
        List<QueueEntry> entries = repository.findByEventId(event.getEventId());
        assertThat(entries).as("entries of event %s", event.getEventId()).hasSizeLessThanOrEqualTo(1);
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Claims every due foreground entry as {@code owner}. */
    protected List<ClaimedEntry> claimAll(Instant now, String owner) {
        return claim(now, 1000, false, ALL_HANDLERS, owner);
    }

    /** Enqueues {@code count} single-handler events created one second apart and claims them in that order. */
    protected List<ClaimedEntry> enqueueAndClaim(int count, int maxAttempts) {
        for (int i = 0; i < count; i++) {
            repository.enqueue(List.of(entry(order("o-" + i), HANDLER_1)
                    .maxAttempts(maxAttempts)
                    .createdAt(at(i))
                    .build()));
        }
        List<ClaimedEntry> claimed = claim(at(count), count, false, ALL_HANDLERS, OWNER_A);
        assertThat(claimed).hasSize(count);
        return claimed;
    }

    /** Builds a {@link NewQueueEntry} with sensible defaults. */
    protected static final class EntryBuilder {
        private final DomainEvent event;
        private final String handlerName;
        private int priority = 100;
        private boolean background;
        private int maxAttempts = 4;
        private Credentials credentials;
        private Instant createdAt = BASE;
        private Instant dueAt;
        private String orderingKey;
        private Map<String, String> headers = Map.of();

        private EntryBuilder(DomainEvent event, String handlerName) {
            this.event = event;
            this.handlerName = handlerName;
        }

        public EntryBuilder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public EntryBuilder background() {
            this.background = true;
            return this;
        }

        public EntryBuilder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public EntryBuilder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public EntryBuilder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public EntryBuilder dueAt(Instant dueAt) {
            this.dueAt = dueAt;
            return this;
        }

        public EntryBuilder orderingKey(String orderingKey) {
            this.orderingKey = orderingKey;
            return this;
        }

        public EntryBuilder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        public NewQueueEntry build() {
            return new NewQueueEntry(
                    UUID.randomUUID(),
                    event,
                    handlerName,
                    priority,
                    background,
                    maxAttempts,
                    credentials,
                    createdAt,
                    dueAt,
                    orderingKey,
                    headers);
        }
    }
}
