package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The price feed cut by the network: the gateway runs in a
 * network namespace of the test's own, the orderbook outside it, and iptables in the namespace
 * first drops the feed's packets (the orderbook calls the connection dead after 3 heartbeats
 * and its reconnects time out), then answers them with TCP resets, then lets them through. The
 * orderbook must come back by replay, with no reset and no hole in its sequence.
 *
 * <p>Needs root, {@code ip netns} and iptables. Without them the test is skipped with the
 * reason, unless {@code TRADING_STACK_REQUIRE_NETNS=true} (system property or environment, as
 * CI sets it), where a missing capability fails instead: CI must not pass by skipping.
 */
class FeedCutIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static NamespaceRequirement<NetworkNamespace> namespaceRequirement;
    private static NetworkNamespace namespace;

    @TempDir
    Path directory;

    private final int pricePort = StackLayout.freePort();
    private final int newsPort = StackLayout.freePort();
    private ServiceProcess gateway;
    private ServiceProcess orderbook;
    private FeedCut cut;
    private Path book;

    @BeforeAll
    static void createNamespace() {
        namespaceRequirement = NamespaceRequirement.make("FeedCutIT", NetworkNamespace::create);
    }

    @AfterAll
    static void removeNamespace() {
        if (namespaceRequirement != null && namespaceRequirement.made() != null) {
            namespaceRequirement.made().close();
        }
    }

    @BeforeEach
    void startGatewayInTheNamespaceAndOrderBookOutside() throws Exception {
        namespace = namespaceRequirement.orSkip();
        book = directory.resolve("pricebook.dat");
        String address = namespace.namespaceAddress();
        gateway = new ServiceProcess("cut-gateway", "gateway-service", namespace.execPrefix(), address,
                StackLayout.freePort(), List.of(
                "--server.address=" + address,
                "--trading.gateway.feeds.bind-address=" + address,
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.feeds.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                // Slow enough that FeedPosition finds moments between two ticks to read the orderbook.
                "--trading.gateway.market.ticks-per-second=20"));
        gateway.start().awaitHealthy(START);
        orderbook = new ServiceProcess("cut-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.host=" + address,
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.orderbook.feed.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                "--trading.orderbook.feed.connect-timeout=1s",
                "--trading.orderbook.feed.backoff-max=1s",
                "--trading.pricebook.path=" + book));
        orderbook.start().awaitHealthy(START);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (cut != null) {
            cut.close();
        }
        if (orderbook != null) {
            orderbook.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Timeout(240)
    void shouldRecoverByReplayWithNoHoleAfterTheFeedIsDroppedThenReset() throws Exception {
        // The tap's connection is spared by the cut: it sees every tick the gateway sends.
        try (FeedTap tap = new FeedTap(namespace.namespaceInetAddress(), pricePort)) {
            cut = new FeedCut(namespace, pricePort, tap.localPort());
            Deadline.await("the tap receives ticks", SETTLE, () -> tap.lastSeq() > 0);
            FeedPosition before = FeedPosition.read(orderbook, "price", SETTLE);
            PrometheusScrape gatewayBefore = gateway.metrics();
            PrometheusScrape orderbookBefore = orderbook.metrics();

            cut.drop();
            long cutAt = System.nanoTime();
            Deadline.await("orderbook feed DOWN: silence for 3 heartbeats", SETTLE,
                    () -> orderbook.status("/actuator/health/feed") == 503);
            Duration down = since(cutAt);
            Deadline.await("an orderbook reconnect is dropped too (connect timed out)", SETTLE,
                    () -> feedReason(orderbook).contains("timed out"));

            cut.reset();
            Deadline.await("an orderbook reconnect is answered with a reset", SETTLE,
                    () -> feedReason(orderbook).contains("refused"));
            Deadline.await("the gateway's end of the cut connection is reset too: only the tap is subscribed", SETTLE,
                    () -> gateway.metrics().sum("trading_feed_subscribers", "feed", "price") == 1);

            cut.heal();
            long healedAt = System.nanoTime();
            // Every price the gateway published up to now: sequences start at 1 and go up by 1.
            long sentByHeal = (long) gateway.metrics().sum("trading_feed_messages_sent_total", "feed", "price");
            orderbook.awaitHealthy(SETTLE);
            Duration recovery = since(healedAt);
            Deadline.await("the orderbook catches up with everything sent until the heal", SETTLE,
                    () -> FeedPosition.read(orderbook, "price", SETTLE).lastSeq() >= sentByHeal);
            FeedPosition after = FeedPosition.read(orderbook, "price", SETTLE);

            // No hole: one session, and every sequence from before the cut to past the heal accepted once.
            assertThat(before.lastSeq()).as("read before the cut").isLessThan(sentByHeal);
            assertThat(after.session()).as("same gateway session").isEqualTo(before.session()).isEqualTo(tap.session());
            assertThat(after.offset()).as("received - lastSeq unchanged, so no sequence was skipped (" + before + " -> "
                    + after + ")").isEqualTo(before.offset());
            assertCountersExplainTheRecovery(gatewayBefore, orderbookBefore);
            BookMatchesTap.assertBookHoldsTapsTicks(book, SYMBOLS, tap, sentByHeal, "after the heal", SETTLE);
            assertThat(tap.failure()).as("the spared tap's own feed had no gap").isNull();

            System.out.printf("FeedCutIT: feed DOWN %d ms after the DROP rules, UP %d ms after the rules were removed; "
                    + "orderbook %s -> %s, gateway sent %d by the heal%n", down.toMillis(), recovery.toMillis(), before,
                    after, sentByHeal);
        }
    }

    /** Reconnected and replayed from the ring: no reset, no new session, no gap. */
    private void assertCountersExplainTheRecovery(PrometheusScrape gatewayBefore, PrometheusScrape orderbookBefore) {
        String[] price = {"feed", "price"};
        PrometheusScrape gatewayAfter = gateway.metrics();
        PrometheusScrape orderbookAfter = orderbook.metrics();
        assertThat(gatewayAfter.sum("trading_feed_replays_served_total", price)).as("gateway served the orderbook's replay")
                .isGreaterThan(gatewayBefore.sum("trading_feed_replays_served_total", price));
        assertThat(gatewayAfter.sum("trading_feed_resets_sent_total", price)).as("gateway resets sent")
                .isEqualTo(gatewayBefore.sum("trading_feed_resets_sent_total", price));
        assertThat(orderbookAfter.sum("trading_feed_reconnects_total", price)).as("orderbook reconnected")
                .isGreaterThan(orderbookBefore.sum("trading_feed_reconnects_total", price));
        for (String counter : List.of("trading_feed_resets_received_total", "trading_feed_sessions_total",
                "trading_feed_gaps_total")) {
            assertThat(orderbookAfter.sum(counter, price)).as("orderbook " + counter + " across the cut")
                    .isEqualTo(orderbookBefore.sum(counter, price));
        }
    }

    /** The reason the orderbook's feed health gives, "" while UP. */
    private static String feedReason(ServiceProcess subscriber) {
        var response = subscriber.get("/actuator/health/feed");
        return response == null ? "" : JSON.readTree(response.body()).path("details").path("reason").asString("");
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
