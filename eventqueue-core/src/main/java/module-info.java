/**
 * The event queue: domain events, handlers, the dispatcher, the in-memory store and the storage
 * SPI. The dispatcher's machinery ({@code dev.eventqueue.dispatch}) is not exported.
 */
module dev.eventqueue.core {
    requires java.management; // the process id in the dispatcher's owner name
    requires org.slf4j;

    exports dev.eventqueue;
    exports dev.eventqueue.audit;
    exports dev.eventqueue.domain;
    exports dev.eventqueue.handler;
    exports dev.eventqueue.monitoring;
    exports dev.eventqueue.queue;
    exports dev.eventqueue.serialization;
}
