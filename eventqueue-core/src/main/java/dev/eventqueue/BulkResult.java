package dev.eventqueue;

/**
 * What a retry or purge by filter did, or would do in a dry run.
 *
 * @param dryRun  whether nothing was changed, only counted
 * @param failed  failed entries retried or purged
 * @param orphans orphaned pending entries purged (always 0 for a retry)
 */
public record BulkResult(boolean dryRun, long failed, long orphans) {

    public long total() {
        return failed + orphans;
    }
}
