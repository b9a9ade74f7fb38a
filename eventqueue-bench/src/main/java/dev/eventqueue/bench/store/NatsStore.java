package dev.eventqueue.bench.store;

import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.QueueCounts;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh pair of uniquely named JetStream buckets on {@link NatsServers}, deleted on close. Every
 * node has its own connection and repository, as separate processes would. The harness counts
 * entries through the first node: a repository of its own would be one more copy of the bucket,
 * fed by its own watch, decoding every write on the benchmark's CPU as the nodes do.
 */
public final class NatsStore implements QueueStore {

    private final NatsServers servers;
    private final String url;
    private final String prefix;
    private final Connection admin;
    private final List<NatsEventQueueRepository> nodes = new ArrayList<>();
    private final boolean keepCompleted;

    public NatsStore(NatsServers servers, String purpose, boolean keepCompleted) {
        this.servers = servers;
        this.keepCompleted = keepCompleted;
        this.url = servers.url();
        this.prefix =
                ("bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try {
            this.admin = Nats.connect(new Options.Builder()
                    .servers(url.split(","))
                    .connectionName("eventqueue-bench-admin")
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException("Could not connect to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to " + url, e);
        }
        // Creates the buckets with the cluster's replication before any node opens them.
        NatsEventQueueRepository.builder(admin)
                .bucketPrefix(prefix)
                .replicas(servers.replicas())
                .build()
                .close();
    }

    @Override
    public String label() {
        return servers.label();
    }

    @Override
    public synchronized EventQueueRepository newNode() {
        NatsEventQueueRepository node = NatsEventQueueRepository.builder(url)
                .bucketPrefix(prefix)
                .replicas(servers.replicas())
                .keepCompletedEntries(keepCompleted)
                .build();
        nodes.add(node);
        return node;
    }

    /**
     * The first node published every entry, so its copy knows them all; another node's outcome
     * reaches it through its watch, so it never reports an entry finished before it is.
     */
    @Override
    public synchronized boolean settled() {
        QueueCounts counts = nodes.get(0).countByStatus();
        return counts.pending() == 0 && counts.processing() == 0;
    }

    @Override
    public synchronized void closeNodes() {
        nodes.forEach(NatsEventQueueRepository::close);
        nodes.clear();
    }

    @Override
    public synchronized void close() {
        closeNodes();
        try {
            for (String bucket : List.of(prefix + "_entries", prefix + "_nodes")) {
                admin.keyValueManagement().delete(bucket);
            }
        } catch (IOException | JetStreamApiException e) {
            System.err.println("Could not delete benchmark buckets " + prefix + "_*: " + e);
        } finally {
            try {
                admin.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
