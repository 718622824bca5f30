package io.tradingstack.gateway.feed;

import static io.tradingstack.gateway.feed.FeedSubscriptionTest.assertContiguous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.ReplayRequest;

/**
 * Two subscribers of one feed port: one reads on a thread of its own, the other subscribes and
 * never reads (a 4 KB receive buffer, full at once). The second must be cut off, counted as a
 * slow consumer and closed, while the first receives every sequence, before and after the cut.
 * How the cut comes about is the calling test's configuration.
 */
final class StoppedReaderScenario {

    private StoppedReaderScenario() {
    }

    /**
     * @param readerReceiveBuffer the reading subscriber's receive buffer, or 0 for the operating system's
     */
    static <T extends Message> void assertOnlyTheStoppedReaderIsCut(FeedServers servers, MeterRegistry registry,
            FeedKind kind, Class<T> type, ToLongFunction<T> seqOf, int readerReceiveBuffer) throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        int port = servers.port(kind);
        List<Long> readSeqs = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> readFailure = new AtomicReference<>();

        try (FeedTestClient reading = readerReceiveBuffer > 0 ? FeedTestClient.connect(port, readerReceiveBuffer)
                : FeedTestClient.connect(port);
                FeedTestClient stopped = FeedTestClient.connect(port, 4096)) {
            reading.send(ReplayRequest.liveOnly());
            Thread reader = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        readSeqs.add(seqOf.applyAsLong(reading.readData(type, 1).get(0)));
                    }
                } catch (Throwable e) {
                    readFailure.compareAndSet(null, e);
                }
            }, "reading-subscriber");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !readSeqs.isEmpty());

            stopped.send(ReplayRequest.liveOnly()); // and never reads

            await().atMost(Duration.ofSeconds(60)).until(() -> slowConsumersCut(registry, kind) >= 1);
            long cutAt = servers.lastSeq(kind);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> readFailure.get() != null || readSeqs.get(readSeqs.size() - 1) >= cutAt + 1_000);
            reader.interrupt();

            assertThat(readFailure.get()).as("the reading subscriber's reads").isNull();
            assertContiguous(List.copyOf(readSeqs));
            assertThat(slowConsumersCut(registry, kind)).as("only the stopped subscriber is cut").isEqualTo(1.0);
            assertThat(servers.subscribers(kind)).isEqualTo(1);
            assertThat(stopped.isClosedByServer()).as("the stopped subscriber's connection is closed").isTrue();
        }
    }

    private static double slowConsumersCut(MeterRegistry registry, FeedKind kind) {
        return registry.get(TradingMetric.FEED_SLOW_CONSUMERS_CUT.metricName())
                .tag(TradingMetric.Tags.FEED, kind.tagValue()).counter().count();
    }
}
