package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway and the orderbook as two JVMs started from their built jars, as a user starts
 * them: prices reach the shared book with the gateway's sequence numbers, a lost frame is
 * repaired by replay, and a gateway killed with kill -9 and restarted is followed to its new
 * session while the orderbook's health says what happened.
 */
class MarketDataIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final int pricePort = StackLayout.freePort();
    private final int newsPort = StackLayout.freePort();
    private ServiceProcess gateway;
    private ServiceProcess orderbook;
    private FeedProxy proxy;
    private Path book;

    @BeforeEach
    void startGatewayAndOrderBook() throws Exception {
        book = directory.resolve("pricebook.dat");
        gateway = new ServiceProcess("market-data-gateway", "gateway-service", StackLayout.freePort(), List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort));
        gateway.start().awaitHealthy(START);
        // The orderbook reaches the gateway through a relay that can lose a frame on request.
        proxy = new FeedProxy(pricePort);
        orderbook = new ServiceProcess("market-data-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.price-port=" + proxy.port(),
                "--trading.pricebook.path=" + book));
        orderbook.start().awaitHealthy(START);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (orderbook != null) {
            orderbook.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldKeepTheBookFreshWithTheGatewaysSequencesThroughALostFrameAndAGatewayRestart() throws Exception {
        try (FeedTap tap = new FeedTap(pricePort)) {
            assertBookMatchesGateway(tap, "after start");
        }

        // A price frame lost on the way: the orderbook sees the gap and replays it from the gateway's ring.
        proxy.dropNextPrices(1);
        Deadline.await("the orderbook counts the gap", SETTLE,
                () -> orderbook.metrics().sum("trading_feed_gaps_total", "feed", "price") >= 1);
        assertThat(proxy.pricesDropped()).isEqualTo(1);
        Deadline.await("the gateway serves the orderbook's replay", SETTLE,
                () -> gateway.metrics().sum("trading_feed_replays_served_total", "feed", "price") >= 1);
        assertThat(orderbook.metrics().sum("trading_feed_resets_received_total", "feed", "price"))
                .as("the lost frame was still in the ring: replayed, not reset").isZero();
        try (FeedTap tap = new FeedTap(pricePort)) {
            assertBookMatchesGateway(tap, "after the gap");
        }

        // The gateway dies without a word; the orderbook says so, then follows the new gateway.
        long sessionsBefore = (long) orderbook.metrics().sum("trading_feed_sessions_total", "feed", "price");
        gateway.kill();
        Deadline.await("orderbook health DOWN while the gateway is away (3 heartbeats of 1 s)", SETTLE,
                () -> orderbook.status("/actuator/health") == 503);
        assertThat(orderbook.get("/actuator/health").body()).contains("DOWN");

        gateway.start().awaitHealthy(START);
        orderbook.awaitHealthy(SETTLE);
        Deadline.await("the orderbook counts the gateway's new session", SETTLE,
                () -> orderbook.metrics().sum("trading_feed_sessions_total", "feed", "price") > sessionsBefore);
        assertThat(orderbook.metrics().sum("trading_feed_reconnects_total", "feed", "price")).isGreaterThanOrEqualTo(2);
        try (FeedTap tap = new FeedTap(pricePort)) {
            assertBookMatchesGateway(tap, "after the gateway restart");
        }

        assertMetricsNamed();
    }

    /**
     * Every symbol's slot is fresh and holds exactly a tick the gateway sent: same sequence,
     * bid, ask and emit time, from the session the tap is seeing now.
     */
    private void assertBookMatchesGateway(FeedTap tap, String when) {
        Deadline.await(when + ": the tap receives ticks", SETTLE, () -> tap.lastSeq() > 0);
        BookMatchesTap.assertBookHoldsTapsTicks(book, SYMBOLS, tap, tap.lastSeq(), when, SETTLE);
        assertThat(tap.failure()).as("the tap's own feed had no gap").isNull();
    }

    private void assertMetricsNamed() {
        PrometheusScrape gatewayMetrics = gateway.metrics();
        for (String name : List.of("trading_feed_messages_sent_total", "trading_feed_subscribers",
                "trading_feed_replays_served_total", "trading_feed_resets_sent_total", "trading_feed_slow_consumers_cut_total")) {
            assertThat(gatewayMetrics.has(name)).as("gateway /actuator/prometheus has " + name).isTrue();
        }
        assertThat(gatewayMetrics.sum("trading_feed_messages_sent_total", "feed", "price")).isPositive();
        PrometheusScrape orderbookMetrics = orderbook.metrics();
        for (String name : List.of("trading_feed_messages_received_total", "trading_feed_gaps_total",
                "trading_feed_resets_received_total", "trading_feed_reconnects_total", "trading_feed_sessions_total",
                "trading_hop_emit_to_book_seconds_bucket", "trading_hop_emit_to_book_seconds_count", "trading_book_updates_total")) {
            assertThat(orderbookMetrics.has(name)).as("orderbook /actuator/prometheus has " + name).isTrue();
        }
        assertThat(orderbookMetrics.sum("trading_hop_emit_to_book_seconds_count")).isPositive();
    }
}
