package dev.eventqueue.bench.harness;

import java.util.List;

/**
 * Labels of the rows that the report and the targets look up by name, shared with the cases that
 * make those rows, so that the harness depends on no case.
 */
public final class RowLabels {

    /** eventqueue's own row in the peers' table. */
    private static final String EVENTQUEUE = "eventqueue";

    private static final String COMPLETED_DELETED = ", completed deleted";

    private RowLabels() {}

    /** The label of a variant of {@code label} that does not vacuum its own table. */
    public static String vacuumOff(String label) {
        return label + ", vacuumAfter(0)";
    }

    /** The label of a variant of {@code label} whose completions delete the entries. */
    public static String completedDeleted(String label) {
        return label + COMPLETED_DELETED;
    }

    /** eventqueue's row in the peers' table with every setting and the audit log at their defaults. */
    public static String eventQueuePeerDefaults() {
        return EVENTQUEUE + ", default settings";
    }

    /** eventqueue's rows in the peers' table, in the order of their ratio columns and targets. */
    public static List<String> eventQueuePeers() {
        return List.of(eventQueuePeer(false), eventQueuePeer(true), eventQueuePeerDefaults());
    }

    /** eventqueue's row in the peers' table that keeps completed entries, or the one that deletes them. */
    public static String eventQueuePeer(boolean deleteCompleted) {
        return deleteCompleted ? completedDeleted(EVENTQUEUE) : EVENTQUEUE;
    }
}
