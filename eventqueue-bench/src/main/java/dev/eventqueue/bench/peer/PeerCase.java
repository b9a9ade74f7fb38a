package dev.eventqueue.bench.peer;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.jdbc.json.JacksonEventSerializer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/** One system of the peers table: eventqueue or a peer, on the local PostgreSQL, with the same jobs and work. */
public final class PeerCase implements Case {

    private final Peer peer;
    private final long jobs;
    private final int batch;

    private PeerCase(Peer peer, long jobs, int batch) {
        this.peer = peer;
        this.jobs = jobs;
        this.batch = batch;
    }

    /** eventqueue first, then each peer, all with {@code jobs} no-op jobs published in batches of {@code batch}. */
    public static List<Case> all(EventQueueConfig config, long jobs, int batch) {
        return List.of(
                new PeerCase(EventQueuePeer.tuned(config, false), jobs, batch),
                new PeerCase(EventQueuePeer.tuned(config, true), jobs, batch),
                new PeerCase(EventQueuePeer.withDefaults(), jobs, batch),
                new PeerCase(new DbSchedulerPeer(), jobs, batch),
                new PeerCase(new OutboxPeer(), jobs, batch),
                new PeerCase(new JobRunrPeer(), jobs, batch));
    }

    @Override
    public Table table() {
        return Table.PEERS;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("system", peer.label());
        labels.put("settings", peer.settings());
        labels.put("jobs", String.format(Locale.ROOT, "%,d", jobs));
        return labels;
    }

    @Override
    public String warmUpKind() {
        return "peer " + peer.label();
    }

    /** The peers are only compared with each other: their runs alternate, so the machine's drift hits each alike. */
    @Override
    public String interleaveGroup() {
        return "peers";
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        String payload = new JacksonEventSerializer().serialize(BenchEvent.next(0, Instant.now()));
        long count = warmUp ? Math.max(1000, jobs / 2) : jobs;
        return Metrics.of(Metric.JOBS_PER_SECOND, peer.run(count, batch, payload));
    }
}
