package dev.eventqueue.bench.peer;

/**
 * A job queue measured beside eventqueue on the same PostgreSQL with the same work: N jobs
 * published from one thread in batches, each running a handler that only counts; the clock stops
 * when every job has run and the peer's table holds no unfinished job.
 */
interface Peer {

    /** Name and version, as the report shows them. */
    String label();

    /** The settings used, as the report shows them. */
    String settings();

    /** One measured run; returns jobs per second. */
    double run(long jobs, int batch, String payload) throws Exception;
}
