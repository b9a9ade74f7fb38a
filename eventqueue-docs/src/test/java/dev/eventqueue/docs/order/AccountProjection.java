package dev.eventqueue.docs.order;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.handler.OrderingFailurePolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The ordered handler of docs/DELIVERY-ORDER.md. */
// tag::ordered-handler[]
public class AccountProjection extends EventHandlerBase<AccountEvent> {

    private final Map<String, List<Integer>> versionsSeen = new ConcurrentHashMap<>();

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof AccountEvent;
    }

    @Override
    public boolean isOrderedByAggregate() {
        return true; // one account's events start one at a time, in publish order
    }

    @Override
    public OrderingFailurePolicy getOrderingFailurePolicy() {
        return OrderingFailurePolicy.PARK; // a failed event is set aside; the account goes on
    }

    @Override
    public void handle(AccountEvent event) {
        versionsSeen
                .computeIfAbsent(event.accountId(), id -> new CopyOnWriteArrayList<>())
                .add(event.version());
    }

    public List<Integer> versionsSeen(String accountId) {
        return versionsSeen.getOrDefault(accountId, List.of());
    }
}
// end::ordered-handler[]
