package dev.eventqueue.spring.tx;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs work once the current Spring-managed transaction commits, or at once when there is none. */
public final class AfterCommit {

    private AfterCommit() {}

    /** Whether the current thread runs inside a Spring-managed transaction that accepts synchronizations. */
    public static boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    /**
     * Runs {@code action} after the current transaction commits (never on rollback), or now when
     * no transaction is active. Actions registered in one transaction run in registration order.
     */
    public static void run(Runnable action) {
        if (!inTransaction()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
