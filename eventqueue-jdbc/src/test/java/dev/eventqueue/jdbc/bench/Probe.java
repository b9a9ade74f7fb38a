package dev.eventqueue.jdbc.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testevents.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class Probe {
    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        String table = TestDatabases.uniqueTable("probe");
        int nodes = Integer.parseInt(args[1]);
        HikariDataSource pool = null; JdbcEventQueueRepository repo = null; EventDispatcher d = null; CountingHandler h = null;
        List<EventDispatcher> all = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
        HikariDataSource p = TestDatabases.pool("probe", args.length > 2 ? TestDatabases.MARIADB_URL : TestDatabases.POSTGRES_URL, args.length > 2 ? "root" : "postgres", 6);
        JdbcEventQueueRepository r = JdbcEventQueueRepository.builder(p).tableName(table).eventType("P", TestEvent.class).createSchema(true).build();
        CountingHandler hh = new CountingHandler("h", "P");
        EventDispatcher dd = EventDispatcher.builder().config(EventQueueConfig.builder().batchSize(100).maxConcurrent(16)
                .processingInterval(Duration.ofMillis(50)).build()).repository(r).handler(hh).build();
        dd.start(); all.add(dd);
        if (n == 0) { pool = p; repo = r; d = dd; h = hh; }
        }
        long t0 = System.nanoTime();
        List<TestEvent> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) { batch.add(TestEvent.of("P", i)); if (batch.size() == 500) { d.publishAll(batch, null); batch.clear(); } }
        System.out.printf("published in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        while (repo.countByStatus().completed() < events) { Thread.sleep(1000); System.out.println((System.nanoTime() - t0) / 1_000_000 + " ms " + repo.countByStatus() + " handled=" + h.total()); }
        System.out.printf("done in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        all.forEach(EventDispatcher::close); repo.close(); TestDatabases.drop(pool, table); pool.close();
    }
}
