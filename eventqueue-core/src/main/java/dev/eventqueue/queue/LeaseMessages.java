package dev.eventqueue.queue;

/** Error texts that every store writes the same way, so operators see one wording. */
public final class LeaseMessages {

    private LeaseMessages() {}

    /** The error of an entry whose worker was lost during its last allowed attempt. */
    public static String lostOnLastAttempt(String owner, int attempts) {
        return "Lease expired on attempt " + attempts + " (worker " + owner
                + " stopped or hung); no attempts left, so the entry failed instead of running again";
    }

    /** The error of an entry whose worker was lost while attempts remain; it runs again. */
    public static String lost(String owner, int attempts) {
        return "Lease expired on attempt " + attempts + " (worker " + owner + " stopped or hung)";
    }
}
