package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order manager's web console in a real browser (headless Chromium) over the whole stack as
 * four JVMs ({@link ProcessStack}): every service shows UP, orders and positions appear and change without a reload, the
 * operator halts and releases trading through the page's credentials form (a wrong password is
 * refused and changes nothing), and a strategy that stops shows DOWN with the reason. It leaves a
 * screenshot of the trading desk at {@code system-tests/target/console/console.png}.
 */
class ConsoleIT {

    /** The screenshot of the page while the stack trades: the README's image is taken from here. */
    static final Path SCREENSHOT = StackLayout.root().resolve("system-tests/target/console/console.png");

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static BrowserRequirement requirement;

    @TempDir
    Path directory;

    private final ProcessStack stack = new ProcessStack();
    private BrowserRequirement.Browser browser;
    private ServiceProcess orderManager;
    private ServiceProcess strategy;

    @BeforeAll
    static void findTheBrowser() {
        requirement = BrowserRequirement.find("ConsoleIT");
    }

    @BeforeEach
    void startTheStack() throws Exception {
        browser = requirement.orSkip();
        stack.start(directory, List.of());
        orderManager = stack.orderManager();
        strategy = stack.strategy();
    }

    @AfterEach
    void stopTheStack() throws Exception {
        stack.close();
    }

    @Test
    @Timeout(600)
    void shouldShowTheDeskLiveSwitchTradingThroughThePageAndShowAStoppedServiceDown() throws Exception {
        try (ConsolePage page = new ConsolePage(browser, directory.resolve("chromium-profile"),
                StackLayout.logDirectory().resolve("console-chromedriver.log"), PATIENCE)) {
            page.open(orderManager.uri("/").toString());
            page.await("the stream is live", driver -> page.text("#stream-state").equals("live"));
            for (String service : List.of("gateway", "orderbook", "strategy", "order-manager")) {
                page.await(service + " shows UP", driver -> page.serviceStatus(service).equals("UP"));
            }

            // Orders and positions appear, then change, on the page as it was first loaded.
            page.await("an order is listed", driver -> page.count("#orders tbody tr") > 0);
            page.await("a position is listed", driver -> page.count("#positions tbody tr") > 0);
            String firstOrder = page.text("#orders tbody tr:first-child");
            String positions = page.text("#positions tbody");
            page.await("a newer order is listed", driver -> !page.text("#orders tbody tr:first-child").equals(firstOrder));
            page.await("the positions change (marks move with the book)", driver -> !page.text("#positions tbody").equals(positions));
            page.await("the tick-to-trade latency is charted",
                driver -> page.text("#latency-now tr[data-hop=\"TICK_TO_TRADE\"] .p99").matches("[0-9.]+"));
            assertThat(page.stillTheFirstLoad()).as("no reload").isTrue();
            // The screenshot shows a desk that has traded a while: a dozen orders, a chart with some history.
            page.await("a dozen orders are listed", driver -> page.count("#orders tbody tr") >= 12);
            page.screenshot(SCREENSHOT);

            // The kill switch through the page: a wrong password is refused and changes nothing.
            page.switchTrading("halt", SystemTestOperator.NAME, "not-the-password-at-all", "console test");
            page.await("the wrong password is refused", driver -> page.text("#switch-result").contains("wrong operator name"));
            assertThat(page.text("#trading-state")).isEqualTo("RUNNING");
            page.switchTrading("halt", SystemTestOperator.NAME, SystemTestOperator.PASSWORD, "console test");
            page.await("trading shows HALTED", driver -> page.text("#trading-state").equals("HALTED"));
            // The switch's answer sets the badge at once; who halted and why come with the next snapshot.
            page.await("the halt's operator is shown", driver -> page.text("#trading-detail").contains(SystemTestOperator.NAME));
            assertThat(page.text("#trading-detail")).contains("console test");
            assertThat(orderManager.getOk("/api/trading")).contains("\"HALTED\"");
            page.await("a halted order is listed as rejected",
                driver -> page.text("#orders tbody").contains("TRADING_HALTED"));
            page.switchTrading("release", SystemTestOperator.NAME, SystemTestOperator.PASSWORD, "console test done");
            page.await("trading shows RUNNING", driver -> page.text("#trading-state").equals("RUNNING"));
            assertThat(orderManager.getOk("/api/trading")).contains("\"RUNNING\"");

            // A stopped service goes DOWN on the page, with the reason.
            // While it shuts down the strategy answers 503 (readiness OUT_OF_SERVICE), which the page
            // shows as DOWN with that reason; once its process is gone the reason is "unreachable".
            strategy.close();
            page.await("the stopped strategy shows DOWN, unreachable", driver -> page.serviceStatus("strategy").equals("DOWN")
                && page.serviceReason("strategy").contains("unreachable"));
            assertThat(page.serviceReason("strategy")).contains("unreachable");
            assertThat(page.serviceStatus("gateway")).isEqualTo("UP");
            assertThat(page.stillTheFirstLoad()).as("no reload").isTrue();
            page.screenshot(SCREENSHOT.resolveSibling("console-strategy-down.png"));
        }
    }
}
