package dev.eventqueue.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testing.events.TestEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A worker process for {@link CrashRecoveryTest}: one dispatcher on the shared queue that appends
 * the entry id of every delivery it starts to its own file, then works for a while. It runs until
 * it is killed.
 *
 * <p>Arguments: JDBC URL, user, table, deliveries file, milliseconds of work per delivery.
 */
public final class CrashTestWorker {

    static final String HANDLER = "crash-test-handler";
    static final String TYPE = "CrashTest";
    static final Duration LEASE = Duration.ofSeconds(3);

    private CrashTestWorker() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String table = args[2];
        Path deliveriesFile = Path.of(args[3]);
        Duration work = Duration.ofMillis(Long.parseLong(args[4]));
        FileChannel deliveries = FileChannel.open(
                deliveriesFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        HikariDataSource pool = TestDatabases.pool("worker", url, user, "", 5);
        JdbcEventQueueRepository repository =
                JdbcEventQueueRepository.builder(pool).tableName(table).build();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .batchSize(20)
                        .maxConcurrent(4)
                        .processingInterval(Duration.ofMillis(50))
                        .leaseDuration(LEASE)
                        .build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .handler(new CountingHandler(HANDLER, TYPE, work) {
                    @Override
                    public void handle(TestEvent event) throws Exception {
                        record(deliveries, EventContext.current().getEntryId() + "\n");
                        super.handle(event);
                    }
                })
                .build();
        dispatcher.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        Thread.currentThread().join(); // until killed
    }

    private static void record(FileChannel file, String line) throws IOException {
        // One write per line in append mode: a SIGKILL loses at most the line being written.
        synchronized (file) {
            file.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
