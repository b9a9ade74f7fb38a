package dev.eventqueue.dashboard;

class H2DashboardBrowserTest extends DashboardBrowserContract {

    @Override
    ShopQueue newQueue() {
        return ShopQueue.h2();
    }

    @Override
    boolean takesScreenshots() {
        return true;
    }
}
