package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway frozen with SIGSTOP: its sockets stay open and
 * its kernel even accepts new connections, but nothing is sent. Both subscribers — the orderbook
 * on the price feed, the strategy on the news feed — must call the feed dead within 3 heartbeat
 * intervals, and after SIGCONT catch up by replay from the gateway's ring: fresh book, no reset,
 * no new session, no hole.
 */
class GatewayPauseIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");
    /** Short, so that the test is quick: gateway and subscribers are all told the same. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration DEAD_AFTER = HEARTBEAT.multipliedBy(3);
    /**
     * What "within 3 intervals" may take beyond them, two intervals (2 s): the health check is
     * polled every 20 ms, an HTTP round trip to a JVM on a loaded 2-core machine (three JVMs,
     * Maven, other builds) takes tens of milliseconds and far more during a GC or JIT burst, and
     * the subscriber's socket timeout fires on a timer thread that is scheduled like any other,
     * so half a second races them. The last frame before the pause came at
     * most one interval before it (a heartbeat, on the quiet news feed), so the detection itself
     * is due within 3 intervals of the SIGSTOP; a rule of 6 intervals or more would still fail.
     */
    private static final Duration SCHEDULING_TOLERANCE = HEARTBEAT.multipliedBy(2);
    /** The pause: the detection bound and 2 intervals more, so that reconnects to the frozen gateway happen during it. */
    private static final Duration PAUSE = DEAD_AFTER.plus(SCHEDULING_TOLERANCE).plus(HEARTBEAT.multipliedBy(2));
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<ServiceProcess> started = new ArrayList<>();
    private ServiceProcess gateway;
    private ServiceProcess orderbook;
    private ServiceProcess strategy;
    private Path book;

    @BeforeEach
    void startGatewayOrderBookAndStrategy() throws Exception {
        book = directory.resolve("pricebook.dat");
        int pricePort = StackLayout.freePort();
        int newsPort = StackLayout.freePort();
        gateway = start(new ServiceProcess("pause-gateway", "gateway-service", StackLayout.freePort(), List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.feeds.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                // Slow enough that FeedPosition finds moments between two ticks to read a subscriber.
                "--trading.gateway.market.ticks-per-second=20")), "/actuator/health");
        orderbook = start(new ServiceProcess("pause-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.orderbook.feed.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                "--trading.orderbook.feed.backoff-max=1s",
                "--trading.pricebook.path=" + book)), "/actuator/health");
        // No order manager: nothing listens on the strategy's order port, so its `orders` health
        // stays DOWN; this test reads its `feed` and `book` components only.
        strategy = start(new ServiceProcess("pause-strategy", "strategy-service", StackLayout.freePort(), List.of(
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.feed.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                "--trading.strategy.feed.backoff-max=1s",
                "--trading.strategy.order-manager.port=" + StackLayout.freePort(),
                "--trading.pricebook.path=" + book)), "/actuator/health/feed");
        strategy.awaitHealthy(SETTLE, "/actuator/health/book");
    }

    private ServiceProcess start(ServiceProcess service, String healthPath) throws Exception {
        started.add(service);
        return service.start().awaitHealthy(START, healthPath);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.resume(); // a stopped JVM would not act on SIGTERM until continued
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    @Timeout(240)
    void shouldMarkTheFeedsDownWithinThreeHeartbeatsAndCatchUpByReplayWhenTheGatewayResumes() throws Exception {
        FeedPosition priceBefore = FeedPosition.read(orderbook, "price", SETTLE);
        FeedPosition newsBefore = FeedPosition.read(strategy, "news", SETTLE);
        PrometheusScrape gatewayBefore = gateway.metrics();
        PrometheusScrape orderbookBefore = orderbook.metrics();
        PrometheusScrape strategyBefore = strategy.metrics();

        gateway.pause();
        long pausedAt = System.nanoTime();
        Duration priceDown = null;
        Duration newsDown = null;
        Deadline detection = new Deadline(SETTLE);
        while ((priceDown == null || newsDown == null) && !detection.passed()) {
            if (priceDown == null && orderbook.status("/actuator/health/feed") == 503) {
                priceDown = since(pausedAt);
            }
            if (newsDown == null && strategy.status("/actuator/health/feed") == 503) {
                newsDown = since(pausedAt);
            }
            detection.pause(Duration.ofMillis(20));
        }
        Duration bound = DEAD_AFTER.plus(SCHEDULING_TOLERANCE);
        assertThat(priceDown).as("orderbook feed health DOWN after SIGSTOP; see " + orderbook.log()).isNotNull()
                .isLessThanOrEqualTo(bound);
        assertThat(newsDown).as("strategy feed health DOWN after SIGSTOP; see " + strategy.log()).isNotNull()
                .isLessThanOrEqualTo(bound);

        // While frozen the gateway's kernel still accepts connections: the orderbook must not take
        // such a connection for a live feed. Sampled for the rest of the pause.
        Deadline pause = new Deadline(PAUSE.minus(since(pausedAt)));
        int samples = 0;
        while (!pause.passed()) {
            assertThat(orderbook.status("/actuator/health/feed")).as("orderbook feed health while the gateway is frozen, "
                    + since(pausedAt) + " into the pause; see " + orderbook.log()).isEqualTo(503);
            assertThat(strategy.status("/actuator/health/feed")).as("strategy feed health while the gateway is frozen, "
                    + since(pausedAt) + " into the pause; see " + strategy.log()).isEqualTo(503);
            samples++;
            pause.pause(Duration.ofMillis(20));
        }
        gateway.resume();
        long resumedAt = System.nanoTime();

        Deadline.await("orderbook healthy again after SIGCONT", SETTLE, () -> orderbook.status("/actuator/health") == 200);
        Deadline.await("strategy feed healthy again after SIGCONT", SETTLE,
                () -> strategy.status("/actuator/health/feed") == 200);
        Duration recovery = since(resumedAt);
        assertBookFreshAfter(priceBefore.lastSeq());
        Deadline.await("strategy book healthy again (fresh prices)", SETTLE, () -> strategy.status("/actuator/health/book") == 200);

        FeedPosition priceAfter = FeedPosition.read(orderbook, "price", SETTLE);
        FeedPosition newsAfter = FeedPosition.read(strategy, "news", SETTLE);
        assertNoHole("orderbook price feed", priceBefore, priceAfter);
        assertNoHole("strategy news feed", newsBefore, newsAfter);
        assertCountersExplainTheRecovery(gatewayBefore, orderbookBefore, strategyBefore);

        System.out.printf("GatewayPauseIT: price feed DOWN %d ms and news feed DOWN %d ms after SIGSTOP (bound %d ms), "
                        + "%d samples DOWN during the pause, all healthy %d ms after SIGCONT%n",
                priceDown.toMillis(), newsDown.toMillis(), bound.toMillis(), samples, recovery.toMillis());
    }

    /** The subscriber followed the same session and accepted every sequence between the two reads once. */
    private static void assertNoHole(String what, FeedPosition before, FeedPosition after) {
        assertThat(after.session()).as(what + ": same gateway session").isEqualTo(before.session());
        assertThat(after.lastSeq()).as(what + ": moved on past the pause").isGreaterThan(before.lastSeq());
        assertThat(after.offset()).as(what + ": received - lastSeq unchanged, so no sequence was skipped (" + before
                + " -> " + after + ")").isEqualTo(before.offset());
    }

    /**
     * The gateway served the subscribers' replays from its ring; nobody got a reset, saw a new
     * session or a gap: the only thing that happened was a pause, repaired by replay.
     */
    private void assertCountersExplainTheRecovery(PrometheusScrape gatewayBefore, PrometheusScrape orderbookBefore,
            PrometheusScrape strategyBefore) {
        PrometheusScrape gatewayAfter = gateway.metrics();
        for (String feed : List.of("price", "news")) {
            String[] tag = {"feed", feed};
            assertThat(gatewayAfter.sum("trading_feed_replays_served_total", tag))
                    .as("gateway served a replay on the " + feed + " feed after SIGCONT")
                    .isGreaterThan(gatewayBefore.sum("trading_feed_replays_served_total", tag));
            assertThat(gatewayAfter.sum("trading_feed_resets_sent_total", tag)).as("gateway resets sent, " + feed)
                    .isEqualTo(gatewayBefore.sum("trading_feed_resets_sent_total", tag));
        }
        assertSubscriberCounters("orderbook", "price", orderbookBefore, orderbook.metrics());
        assertSubscriberCounters("strategy", "news", strategyBefore, strategy.metrics());
    }

    private static void assertSubscriberCounters(String who, String feed, PrometheusScrape before, PrometheusScrape after) {
        String[] tag = {"feed", feed};
        assertThat(reconnects(after, feed)).as(who + " reconnected").isGreaterThan(reconnects(before, feed));
        for (String counter : List.of("trading_feed_resets_received_total", "trading_feed_sessions_total",
                "trading_feed_gaps_total")) {
            assertThat(after.sum(counter, tag)).as(who + " " + counter + " across a pause").isEqualTo(before.sum(counter, tag));
        }
    }

    /** Every symbol's slot is fresh again and was written from a tick after the pause began. */
    private void assertBookFreshAfter(long seqBeforePause) {
        PriceBookReader reader = PriceBookReader.open(book, Duration.ofSeconds(2), 1_000, SystemEpochNanoClock.instance());
        PriceSnapshot snapshot = new PriceSnapshot();
        for (String symbol : SYMBOLS) {
            Deadline.await(symbol + " fresh in the book with a sequence after " + seqBeforePause, SETTLE, () -> {
                int slot = reader.slotOf(symbol);
                return slot >= 0 && reader.read(slot, snapshot) == SlotStatus.FRESH && snapshot.feedSequence() > seqBeforePause;
            });
        }
    }

    private static double reconnects(ServiceProcess subscriber, String feed) {
        return reconnects(subscriber.metrics(), feed);
    }

    private static double reconnects(PrometheusScrape metrics, String feed) {
        return metrics.sum("trading_feed_reconnects_total", "feed", feed);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
