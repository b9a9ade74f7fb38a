package dev.eventqueue.example.demo;

/** Chooses the demo's store from its options. */
final class DemoBackends {

    private DemoBackends() {}

    static DemoBackend open(DemoOptions options) {
        if (options.inMemory()) {
            return new InMemoryBackend();
        }
        if (options.nats() != null) {
            return NatsBackend.open(options.nats());
        }
        return DatabaseBackend.open(options.database(), options.config().maxConcurrent());
    }
}
