package dev.eventqueue.example.cli;

/** Exit codes of every command; scripts may rely on them. */
public final class ExitCodes {

    /** The command did what was asked (health: the queue is UP). */
    public static final int OK = 0;
    /** It could not: database unreachable, table missing, event not found, demo unfinished, an SQL error. */
    public static final int FAILURE = 1;
    /** The command line, the database URL (malformed or of an unsupported database) or an EVENT_QUEUE_* setting is invalid. */
    public static final int USAGE = 2;
    /** health only: the queue is reachable but DEGRADED (backlog older than EVENT_QUEUE_HEALTH_MAX_LAG). */
    public static final int UNHEALTHY = 3;
    /** retry, purge, cleanup without --yes: nothing was changed; what it would do was shown. */
    public static final int NOT_CONFIRMED = 4;

    /** For picocli's exitCodeList in every command's help. */
    public static final String[] HELP = {
        "0:success (health: UP)",
        "1:failure: database unreachable, table missing, event not found, SQL error, health DOWN",
        "2:invalid command line, database URL or EVENT_QUEUE_* setting",
        "3:health only: DEGRADED",
        "4:retry, purge, cleanup: not confirmed with --yes; nothing was changed",
    };

    private ExitCodes() {}
}
