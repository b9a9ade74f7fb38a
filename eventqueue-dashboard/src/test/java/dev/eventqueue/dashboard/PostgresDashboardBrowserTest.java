package dev.eventqueue.dashboard;

import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;

class PostgresDashboardBrowserTest extends DashboardBrowserContract {

    @Override
    ShopQueue newQueue() {
        TestServer server = TestServers.postgres();
        return ShopQueue.on(server.url(), server.user(), server.password());
    }
}
