package dev.eventqueue.docs.order;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.TransactionalEventHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** The transactional handler of docs/DELIVERY-ORDER.md. */
// tag::transactional-handler[]
public class LedgerHandler implements TransactionalEventHandler<AccountEvent> {

    @Override
    public boolean canHandle(DomainEvent event) {
        return event instanceof AccountEvent;
    }

    @Override
    public void handle(AccountEvent event, Connection connection) throws Exception {
        // Runs inside the transaction that also marks this entry completed: the row is written
        // exactly once, even if the process is killed at any moment.
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger (event_id, account_id, amount_cents) VALUES (?, ?, ?)")) {
            insert.setString(1, event.getEventId().toString());
            insert.setString(2, event.accountId());
            insert.setLong(3, event.amountCents());
            insert.executeUpdate();
        }
    }
}
// end::transactional-handler[]
