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
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The news feed's publisher writes to idle subscribers itself (the default). A subscriber that
 * stops reading fills its small socket buffers within a fraction of a second, and the next write
 * to it blocks the publisher: it is cut off after {@code publisher-write-timeout}, long before
 * its queue could reach {@code max-queued-bytes}, while a subscriber that reads receives every
 * sequence before and after the cut. The reader's receive buffer is as large as the kernel allows
 * (a few hundred KB, seconds of news at 1,000/s), so that a test thread starved on a loaded
 * machine is not cut too; a write to it that slows down moves it to its sender anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.max-queued-bytes=256MB",
        "trading.gateway.feeds.socket-send-buffer=16KB",
        "trading.gateway.feeds.publisher-write-timeout=200ms",
        "trading.gateway.market.ticks-per-second=0",
        "trading.gateway.news.per-second=1000"})
@DirtiesContext
@Timeout(120)
class PublisherWriteTimeoutTest {

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @Test
    void shouldCutASubscriberWhoseBlockedWriteHoldsThePublisherAndKeepPublishingToTheOthers() throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        int port = servers.port(FeedKind.NEWS);
        List<Long> fastSeqs = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> fastFailure = new AtomicReference<>();

        try (FeedTestClient fast = FeedTestClient.connect(port, 8 << 20);
                FeedTestClient slow = FeedTestClient.connect(port, 4096)) {
            fast.send(ReplayRequest.liveOnly());
            Thread reader = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        fastSeqs.add(fast.readData(NewsTick.class, 1).get(0).seq());
                    }
                } catch (Throwable e) {
                    fastFailure.compareAndSet(null, e);
                }
            }, "fast-subscriber");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !fastSeqs.isEmpty());

            slow.send(ReplayRequest.liveOnly()); // and never reads

            await().atMost(Duration.ofSeconds(60)).until(() -> slowConsumersCut() >= 1);
            long cutAt = servers.lastSeq(FeedKind.NEWS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fastFailure.get() != null || fastSeqs.get(fastSeqs.size() - 1) >= cutAt + 1_000);
            reader.interrupt();

            assertThat(fastFailure.get()).as("the fast subscriber's reads").isNull();
            assertContiguous(List.copyOf(fastSeqs));
            assertThat(slowConsumersCut()).as("only the slow subscriber is cut").isEqualTo(1.0);
            assertThat(servers.subscribers(FeedKind.NEWS)).isEqualTo(1);
            assertThat(slow.isClosedByServer()).as("the slow subscriber's connection is closed").isTrue();
        }
    }

    private double slowConsumersCut() {
        return registry.get(TradingMetric.FEED_SLOW_CONSUMERS_CUT.metricName())
                .tag(TradingMetric.Tags.FEED, FeedKind.NEWS.tagValue()).counter().count();
    }
}
