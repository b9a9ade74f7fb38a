package dev.eventqueue.nats;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's asynchronous errors and notices, logged through SLF4J: without a listener the
 * client writes them to {@code java.util.logging}, which prints a line for every flow-control
 * reply of the bucket watch. Flow-control replies go to trace, status notices and connection
 * exceptions to debug; what needs an operator's attention (server errors, slow consumers, lost
 * heartbeats, write timeouts) to warn.
 */
final class Slf4jErrorListener implements ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(Slf4jErrorListener.class);

    @Override
    public void errorOccurred(Connection connection, String error) {
        LOG.warn("NATS server reported an error: {}", error);
    }

    /**
     * At debug: the calls the failure affects fail with it too (a connect, a write, a request),
     * and while a server is away the client reports one per reconnect attempt.
     */
    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        LOG.debug("NATS connection failed: {}", exception.toString(), exception);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        LOG.warn("A NATS subscription falls behind the messages it receives (slow consumer)");
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        LOG.warn("A NATS message on {} was discarded: its subscription fell behind", message.getSubject());
    }

    @Override
    public void heartbeatAlarm(
            Connection connection,
            JetStreamSubscription subscription,
            long lastStreamSequence,
            long lastConsumerSequence) {
        LOG.warn("JetStream heartbeats stopped on a subscription (last stream sequence {})", lastStreamSequence);
    }

    @Override
    public void unhandledStatus(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.debug("Unhandled JetStream status {}", status);
    }

    @Override
    public void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.debug("JetStream pull status {}", status);
    }

    @Override
    public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.warn("JetStream pull failed: {}", status);
    }

    @Override
    public void flowControlProcessed(
            Connection connection, JetStreamSubscription subscription, String subject, FlowControlSource source) {
        LOG.trace("JetStream flow control answered on {} ({})", subject, source);
    }

    @Override
    public void socketWriteTimeout(Connection connection) {
        LOG.warn("Writing to the NATS server timed out");
    }
}
