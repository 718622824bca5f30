package io.tradingstack.gateway.feed;

import static io.tradingstack.gateway.feed.FeedSubscriptionTest.assertContiguous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A subscriber that stops reading: small socket buffers and a byte limit that its queue passes
 * within seconds at 2,000 ticks/s. The limit is the same for the fast subscriber, whose reader
 * is a test thread: at 1 MB it may be starved for seconds on a loaded machine without being cut
 * too (256 KB is about one second of ticks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.max-queued-bytes=1MB",
        "trading.gateway.feeds.socket-send-buffer=16KB",
        "trading.gateway.market.ticks-per-second=2000",
        "trading.gateway.news.per-second=0"})
@DirtiesContext
@Timeout(60)
class SlowConsumerTest {

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @Test
    void shouldCutASubscriberThatStopsReadingWhileAnotherReceivesEverySequence() throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        int port = servers.port(FeedKind.PRICE);
        List<Long> fastSeqs = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> fastFailure = new AtomicReference<>();

        try (FeedTestClient fast = FeedTestClient.connect(port);
                FeedTestClient slow = FeedTestClient.connect(port, 4096)) {
            fast.send(ReplayRequest.liveOnly());
            Thread reader = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        fastSeqs.add(fast.readData(PriceTick.class, 1).get(0).seq());
                    }
                } catch (Throwable e) {
                    fastFailure.compareAndSet(null, e);
                }
            }, "fast-subscriber");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !fastSeqs.isEmpty());

            slow.send(ReplayRequest.liveOnly()); // and never reads

            await().atMost(Duration.ofSeconds(30)).until(() -> slowConsumersCut() >= 1);
            long cutAt = servers.lastSeq(FeedKind.PRICE);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fastFailure.get() != null || fastSeqs.get(fastSeqs.size() - 1) >= cutAt + 1_000);
            reader.interrupt();

            assertThat(fastFailure.get()).as("the fast subscriber's reads").isNull();
            assertContiguous(List.copyOf(fastSeqs));
            assertThat(slowConsumersCut()).as("only the slow subscriber is cut").isEqualTo(1.0);
            assertThat(servers.subscribers(FeedKind.PRICE)).isEqualTo(1);
            assertThat(slow.isClosedByServer()).as("the slow subscriber's connection is closed").isTrue();
        }
    }

    private double slowConsumersCut() {
        return registry.get(TradingMetric.FEED_SLOW_CONSUMERS_CUT.metricName())
                .tag(TradingMetric.Tags.FEED, FeedKind.PRICE.tagValue()).counter().count();
    }
}
