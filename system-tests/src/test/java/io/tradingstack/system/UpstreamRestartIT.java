package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.ReplayRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orderbook and then the gateway killed with kill -9 and started again while a strategy
 * trades (issue 6): while either is away the price book goes stale and nothing fills; the
 * restarted orderbook reopens the book file in place (the readers keep their mappings); the
 * restarted gateway is a new session that the subscribers follow, with the reconnects, new
 * sessions and resets counted; and trading resumes. Every fill of the whole run is checked
 * against the ticks the gateway sent: its price was the touch of a tick of its symbol sent
 * within the staleness limit before the fill.
 */
class UpstreamRestartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STALENESS = Duration.ofSeconds(1);
    /** Gateway emit to book write, on a loaded 2-core machine: the slack of the tick-time check. */
    private static final Duration EMIT_TO_BOOK_SLACK = Duration.ofMillis(500);

    /** A replay from seq 1 of a session no gateway has (sessions are start times): a reset, then all it holds. */
    private static final ReplayRequest EVERYTHING_HELD = new ReplayRequest(1, 1);

    @TempDir
    Path directory;

    private final List<ServiceProcess> stack = new ArrayList<>();
    private final List<FeedTap> taps = new ArrayList<>();

    @AfterEach
    void stopTheStack() throws Exception {
        for (FeedTap tap : taps) {
            tap.close();
        }
        for (int i = stack.size() - 1; i >= 0; i--) {
            stack.get(i).close();
        }
    }

    @Test
    @Timeout(400)
    void shouldTradeOnlyOnFreshPricesAcrossOrderbookAndGatewayRestarts() throws Exception {
        Path book = directory.resolve("pricebook.dat");
        int pricePort = StackLayout.freePort();
        int newsPort = StackLayout.freePort();
        int orderPort = StackLayout.freePort();
        ServiceProcess gateway = start(new ServiceProcess("restart-gateway", "gateway-service", StackLayout.freePort(),
                List.of("--trading.gateway.feeds.price-port=" + pricePort,
                        "--trading.gateway.feeds.news-port=" + newsPort,
                        "--trading.gateway.market.ticks-per-second=60",
                        "--trading.gateway.news.per-second=50")));
        taps.add(new FeedTap(pricePort, EVERYTHING_HELD));
        ServiceProcess orderbook = start(new ServiceProcess("restart-orderbook", "orderbook-service",
                StackLayout.freePort(), List.of("--trading.orderbook.gateway.price-port=" + pricePort,
                        "--trading.pricebook.path=" + book)));
        ServiceProcess orderManager = start(new ServiceProcess("restart-order-manager", "order-manager-service",
                StackLayout.freePort(), List.of("--trading.order-manager.server.order-port=" + orderPort,
                        "--trading.order-manager.journal.path=" + directory.resolve("orders.journal"),
                        "--trading.pricebook.path=" + book,
                        "--trading.pricebook.staleness=" + STALENESS.toMillis() + "ms")));
        ServiceProcess strategy = start(new ServiceProcess("restart-strategy", "strategy-service", StackLayout.freePort(),
                List.of("--trading.strategy.gateway.news-port=" + newsPort,
                        "--trading.strategy.order-manager.port=" + orderPort,
                        "--trading.strategy.strategies[0].id=scalper-1",
                        "--trading.strategy.strategies[0].type=scalper",
                        "--trading.strategy.strategies[0].order-size=10",
                        "--trading.pricebook.path=" + book,
                        "--trading.pricebook.staleness=" + STALENESS.toMillis() + "ms")));
        awaitMoreFills(orderManager, 20, "trading before any fault");

        // ---- the orderbook away: the book goes stale, nothing fills, then it reopens the file in place ----
        orderbook.kill();
        // Stamped once it is gone (kill waits for that): every book write it made is before this.
        long orderbookKilled = epochNanos();
        awaitBookDown(orderManager, "the order manager sees a stale book without the orderbook");
        awaitBookDown(strategy, "the strategy sees a stale book without the orderbook");
        holdTheOutage();
        long orderbookBack = epochNanos();
        orderbook.start().awaitHealthy(START);
        awaitMoreFills(orderManager, 20, "trading resumes after the orderbook restart");
        assertNoFillBetween(orderManager, orderbookKilled + STALENESS.toNanos(), orderbookBack, "the orderbook was away");

        // ---- the gateway away: a new session on its return, followed and counted by the subscribers ----
        gateway.kill();
        // Stamped once it is gone: every tick it sent is before this.
        long gatewayKilled = epochNanos();
        Deadline.await("the orderbook reports its feed DOWN without the gateway", Duration.ofSeconds(30),
                () -> orderbook.get("/actuator/health").statusCode() == 503);
        awaitBookDown(orderManager, "the order manager sees a stale book without the gateway");
        holdTheOutage();
        long gatewayBack = epochNanos();
        gateway.start().awaitHealthy(START);
        // The new session's ring (10,000 ticks at 60/s) still holds every tick it sent.
        taps.add(new FeedTap(pricePort, EVERYTHING_HELD));
        awaitMoreFills(orderManager, 20, "trading resumes after the gateway restart");
        assertNoFillBetween(orderManager, gatewayKilled + STALENESS.toNanos(), gatewayBack, "the gateway was away");

        PrometheusScrape books = orderbook.metrics();
        assertThat(books.sum("trading_feed_reconnects_total", "feed", "price")).as("orderbook reconnected").isPositive();
        assertThat(books.sum("trading_feed_sessions_total", "feed", "price")).as("orderbook saw the new session")
                .isPositive();
        assertThat(books.sum("trading_feed_resets_received_total", "feed", "price")).as("its replay was reset")
                .isPositive();
        PrometheusScrape news = strategy.metrics();
        assertThat(news.sum("trading_feed_reconnects_total", "feed", "news")).as("strategy reconnected").isPositive();
        assertThat(news.sum("trading_feed_sessions_total", "feed", "news")).as("strategy saw the new session")
                .isPositive();

        for (FeedTap tap : taps) {
            assertThat(tap.failure()).as("the taps saw every tick in sequence").isNull();
        }
        assertEveryFillOnAFreshTick(orderManager);
    }

    private ServiceProcess start(ServiceProcess service) throws Exception {
        stack.add(service);
        return service.start().awaitHealthy(START);
    }

    /** Long enough that a fill in the outage would be seen: several staleness limits. */
    private static void holdTheOutage() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(3 * STALENESS.toMillis());
    }

    private static void awaitMoreFills(ServiceProcess orderManager, long more, String what) {
        long before = filled(orderManager);
        Deadline.await(what + ": " + more + " more fills", Duration.ofSeconds(90),
                () -> filled(orderManager) >= before + more);
    }

    private static long filled(ServiceProcess orderManager) {
        return (long) orderManager.metrics()
                .sum("trading_orders_total", "status", "FILLED");
    }

    private static void awaitBookDown(ServiceProcess service, String what) {
        Deadline.await(what, Duration.ofSeconds(30), () -> {
            JsonNode health = JSON.readTree(service.get("/actuator/health").body());
            return "DOWN".equals(health.path("components").path("book").path("status").asString());
        });
    }

    private static void assertNoFillBetween(ServiceProcess orderManager, long fromNanos, long toNanos, String why) {
        for (JsonNode order : OrderManagerRest.orders(orderManager)) {
            long ts = order.get("ts").asLong();
            if ("FILLED".equals(order.get("status").asString()) && ts > fromNanos && ts < toNanos) {
                throw new AssertionError("filled while " + why + " (after the staleness limit): " + order);
            }
        }
    }

    /**
     * Every fill at the touch (BUY at the ask, SELL at the bid) of a tick of its symbol that the
     * gateway sent at most the staleness limit (plus the emit-to-book slack) before the fill.
     */
    private void assertEveryFillOnAFreshTick(ServiceProcess orderManager) {
        List<PriceTick> ticks = new ArrayList<>();
        taps.forEach(tap -> ticks.addAll(tap.ticks()));
        long window = STALENESS.toNanos() + EMIT_TO_BOOK_SLACK.toNanos();
        int fills = 0;
        for (JsonNode order : OrderManagerRest.orders(orderManager)) {
            if (!"FILLED".equals(order.get("status").asString())) {
                continue;
            }
            fills++;
            String symbol = order.get("symbol").asString();
            boolean buy = "BUY".equals(order.get("side").asString());
            long price = Prices.parse(order.get("price").decimalValue().toPlainString());
            long ts = order.get("ts").asLong();
            boolean fresh = ticks.stream().anyMatch(tick -> tick.symbol().equals(symbol)
                    && (buy ? tick.ask() : tick.bid()) == price && tick.ts() <= ts && ts - tick.ts() <= window);
            if (!fresh) {
                PriceTick latest = ticks.stream().filter(tick -> tick.symbol().equals(symbol) && tick.ts() <= ts)
                        .max(java.util.Comparator.comparingLong(PriceTick::ts)).orElse(null);
                List<PriceTick> samePrice = ticks.stream().filter(tick -> tick.symbol().equals(symbol)
                        && (buy ? tick.ask() : tick.bid()) == price).toList();
                throw new AssertionError("fill " + order + " not at a price the gateway sent within " + window / 1_000_000
                        + " ms; the latest tick of " + symbol + " before it: " + latest + "; ticks at its price: "
                        + samePrice);
            }
        }
        assertThat(fills).isGreaterThanOrEqualTo(60);
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
