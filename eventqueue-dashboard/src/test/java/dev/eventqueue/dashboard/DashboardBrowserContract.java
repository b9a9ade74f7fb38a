package dev.eventqueue.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.queue.QueueCounts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium, served by the JDK server the CLI uses, on a real queue: a
 * subclass per database supplies it. One browser for the whole class; the tests run in order, the
 * ones that change the queue last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DashboardBrowserContract {

    static final String TOKEN = "op-" + UUID.randomUUID();

    ShopQueue queue;
    DashboardApi api;
    DashboardHttpServer server;
    Browser browser;

    /** A new, empty queue in this contract's database. */
    abstract ShopQueue newQueue();

    /** Whether this class takes the documentation's screenshots (one database is enough). */
    boolean takesScreenshots() {
        return false;
    }

    @BeforeAll
    void serve() throws IOException {
        queue = newQueue().fill();
        api = DashboardApi.builder(queue.repository, queue.auditLog)
                .queueName(queue.table)
                .build();
        // Two samples make the first point of each chart.
        api.sampleSeries();
        api.sampleSeries();
        server = DashboardHttpServer.start(api, new InetSocketAddress("127.0.0.1", 0), TOKEN);
        browser = new Browser();
    }

    @AfterAll
    void stop() throws IOException, SQLException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
            api.close();
            queue.close();
        }
    }

    @Test
    @Order(1)
    void overviewShowsTheCountsByStatus() throws IOException {
        open("#/overview");

        waitForText("#count-completed", String.valueOf(ShopQueue.PLACED));
        assertThat(text("#count-failed")).isEqualTo(String.valueOf(ShopQueue.CANCELLED));
        assertThat(text("#count-pending")).isEqualTo("0");
        assertThat(text("#count-processing")).isEqualTo("0");
        assertThat(text("#in-flight")).isEqualTo("0");
        assertThat(text("#oldest-due")).isEqualTo("none due");
        assertThat(text("#mode")).isEqualTo("Read-only");
        assertThat(browser.driver.findElement(By.id("chart-throughput")).getAttribute("data-points"))
                .isEqualTo("1");
        assertThat(browser.driver.findElement(By.id("status-banner")).isDisplayed())
                .isFalse();
        if (takesScreenshots()) {
            browser.screenshot("overview");
            browser.darkMode(true);
            browser.screenshot("overview-dark");
            browser.darkMode(false);
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.screenshot("overview-phone");
            browser.driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(2)
    void handlersPageShowsEachHandlerAndEventType() throws IOException {
        open("#/handlers");

        browser.waiting().until(driver -> rows("#handlers-table").size() == 2);
        String table = text("#handlers-table");
        assertThat(table).contains(ShopQueue.SHIPPING, "OrderPlaced", "100.0 %");
        assertThat(table).contains(ShopQueue.REFUNDS, "OrderCancelled", "0.0 %");
        if (takesScreenshots()) {
            browser.screenshot("handlers");
        }
    }

    @Test
    @Order(3)
    void aFilterNarrowsTheList() throws IOException {
        open("#/entries");
        browser.waiting().until(driver -> rows("#entries-table").size() == ShopQueue.PLACED + ShopQueue.CANCELLED);

        new Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("failed");
        browser.driver.findElement(By.id("filter-apply")).click();

        browser.waiting().until(driver -> rows("#entries-table").size() == ShopQueue.CANCELLED);
        assertThat(text("#entries-total")).isEqualTo(ShopQueue.CANCELLED + " matching entries");
        browser.waiting()
                .until(driver -> rows("#entries-table").stream()
                        .allMatch(row -> row.getText().contains("failed")
                                && row.getText().contains(ShopQueue.REFUNDS)));
        if (takesScreenshots()) {
            browser.screenshot("entries");
        }

        setInput("filter-aggregate", ShopQueue.XSS_ORDER);
        browser.driver.findElement(By.id("filter-apply")).click();
        browser.waiting().until(driver -> rows("#entries-table").size() == 1);
        assertThat(browser.driver.getCurrentUrl())
                .endsWith("#/entries?status=failed&aggregateId=" + ShopQueue.XSS_ORDER);
    }

    @Test
    @Order(4)
    void aScriptInAPayloadShowsAsText() throws IOException {
        open("#/entries?aggregateId=" + ShopQueue.XSS_ORDER);
        browser.waiting().until(driver -> rows("#entries-table").size() == 1);
        browser.waiting()
                .until(
                        driver -> { // the list may be drawn again between finding the link and clicking it
                            rows("#entries-table")
                                    .get(0)
                                    .findElement(By.tagName("a"))
                                    .click();
                            return true;
                        });

        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("entry-payload"), "<script>"));
        // The payload is shown as indented JSON: its quotes escaped, its tags as they were written.
        assertThat(text("#entry-payload")).contains("<script>window.pwned=true</script><img src=x onerror=");
        assertThat(text("#entry-error")).contains("payment provider refused the refund for " + ShopQueue.XSS_ORDER);
        assertThat(text("#entry-audit")).contains("PUBLISHED", "FAILED");
        assertThat(browser.driver.findElements(By.cssSelector("#content script, #content img")))
                .isEmpty();
        assertThat(browser.driver.executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        if (takesScreenshots()) {
            browser.screenshot("entry");
        }
    }

    @Test
    @Order(5)
    void nodesPageShowsTheRunningDispatchers() throws IOException {
        open("#/nodes");

        browser.waiting()
                .until(driver ->
                        rows("#nodes-table").size() == 1 && text("#nodes-table").contains(ShopQueue.NODE));
        assertThat(text("#nodes-table")).contains(ShopQueue.REFUNDS, ShopQueue.SHIPPING);
        if (takesScreenshots()) {
            browser.screenshot("nodes");
        }
    }

    @Test
    @Order(6)
    void readOnlyModeRefusesActions() {
        open("#/entries");
        browser.waiting()
                .until(driver -> text("#mode").equals("Read-only")
                        && !browser.driver
                                .findElement(By.id("entries-total"))
                                .getText()
                                .isEmpty());

        assertThat(browser.driver.findElement(By.id("bulk-retry")).isEnabled()).isFalse();
        assertThat(browser.driver.findElement(By.id("bulk-purge")).isEnabled()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer =
                (Map<String, Object>) browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('api/retry', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({dryRun: false})})"
                        + ".then(r => r.json().then(body => done({status: r.status, error: body.error})));");
        assertThat(answer).containsEntry("status", 403L);
        assertThat((String) answer.get("error")).startsWith("read-only");
        assertThat(queue.repository.countByStatus().failed()).isEqualTo(ShopQueue.CANCELLED);
    }

    @Test
    @Order(7)
    void aBulkRetryMovesFailedEntriesBackToPending() {
        open("#/entries");
        setInput("token", TOKEN);
        browser.driver.findElement(By.id("token-save")).click();
        browser.waiting().until(driver -> text("#mode").equals("Operator"));
        new Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("failed");
        browser.driver.findElement(By.id("filter-apply")).click();
        browser.waiting().until(driver -> rows("#entries-table").size() == ShopQueue.CANCELLED);

        browser.driver.findElement(By.id("bulk-retry")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(text("#confirm-text")).startsWith("Retry " + ShopQueue.CANCELLED + " failed entries");
        browser.driver.findElement(By.id("confirm-ok")).click();

        browser.waiting()
                .until(driver -> text("#action-result").equals("Retried " + ShopQueue.CANCELLED + " entries."));
        QueueCounts counts = queue.repository.countByStatus();
        assertThat(counts.failed()).isZero();
        assertThat(counts.pending()).isEqualTo(ShopQueue.CANCELLED);
        browser.waiting().until(driver -> text("#entries-total").equals("0 matching entries"));

        open("#/overview");
        waitForText("#count-pending", String.valueOf(ShopQueue.CANCELLED));
        assertThat(text("#count-failed")).isEqualTo("0");
    }

    @Test
    @Order(8)
    void anUnreachableDatabaseShowsAClearState() throws IOException {
        queue.cutOff();

        open("#/overview");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("status-banner")));
        assertThat(text("#status-banner")).startsWith("Database unreachable").contains("cannot be reached or read");
        if (takesScreenshots()) {
            browser.screenshot("unreachable");
        }
    }

    private void open(String route) {
        // A new document each time, so that nothing of the previous page is left.
        browser.driver.get("about:blank");
        browser.driver.get(server.uri() + route);
    }

    private String text(String selector) {
        return browser.driver.findElement(By.cssSelector(selector)).getText();
    }

    private void waitForText(String selector, String expected) {
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(selector), expected));
    }

    private List<WebElement> rows(String table) {
        return browser.driver.findElements(By.cssSelector(table + " tbody tr")).stream()
                .filter(row -> row.findElements(By.cssSelector("td.muted")).isEmpty())
                .toList();
    }

    private void setInput(String id, String value) {
        WebElement input = browser.driver.findElement(By.id(id));
        input.clear();
        if (!value.isEmpty()) {
            input.sendKeys(value);
        }
    }
}
