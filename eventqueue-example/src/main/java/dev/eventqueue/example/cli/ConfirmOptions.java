package dev.eventqueue.example.cli;

import picocli.CommandLine.Option;

/**
 * {@code --dry-run} and {@code --yes}, for commands that change or delete entries. Without
 * {@code --yes} such a command changes nothing, on a terminal or not: it shows what it would do
 * and exits with {@link ExitCodes#NOT_CONFIRMED}, so a script that forgot the flag fails safely.
 */
final class ConfirmOptions {

    @Option(names = "--dry-run", description = "Only count what the command would touch; change nothing.")
    boolean dryRun;

    @Option(
            names = {"-y", "--yes"},
            description = "Do it. Without --yes the command only shows what it would do, and exits with code 4.")
    boolean yes;

    /** Whether the command may change the queue. */
    boolean confirmed() {
        return yes && !dryRun;
    }

    /** Whether the command stops after its count because it was not confirmed (not a requested dry run). */
    boolean unconfirmed() {
        return !yes && !dryRun;
    }
}
