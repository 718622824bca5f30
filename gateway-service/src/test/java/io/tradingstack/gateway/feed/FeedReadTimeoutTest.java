package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The read timeout on the feed ports: a frame started and not finished within it (500 ms here)
 * closes its connection and is counted, well before the 10 s replay timeout could answer it;
 * a subscriber that says nothing after its replay stays connected however long.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.replay-timeout=10s",
        "trading.gateway.feeds.read-timeout=500ms",
        "trading.gateway.feeds.heartbeat-interval=100ms",
        "trading.gateway.market.ticks-per-second=0",
        "trading.gateway.news.per-second=0"})
@DirtiesContext
@Timeout(60)
class FeedReadTimeoutTest {

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @BeforeEach
    void waitUntilListening() throws InterruptedException {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldCloseAConnectionWhoseReplayIsNotCompleteWithinTheReadTimeoutOnEitherPort() throws Exception {
        for (FeedKind kind : FeedKind.values()) {
            double before = readTimeouts();
            try (FeedTestClient client = FeedTestClient.connect(servers.port(kind))) {
                client.sendRaw(new byte[] {0, 0, 0, 40, '{'}); // a header and one byte of 40, then nothing

                assertThat(client.isClosedByServer()).as("%s port closed the connection", kind).isTrue();
            }
            assertThat(readTimeouts()).as("counted on the %s port", kind).isEqualTo(before + 1);
            // The gateway forgets the connection on its own thread, after the client saw it closed.
            await().atMost(Duration.ofSeconds(10)).until(() -> servers.openConnections(kind) == 0);
        }
    }

    @Test
    void shouldKeepASubscriberThatSaysNothingAfterItsReplayBeyondTheReadTimeout() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.NEWS))) {
            client.send(ReplayRequest.liveOnly());
            // Heartbeats for longer than the read timeout, measured: a close would end them.
            long subscribed = System.nanoTime();
            while (System.nanoTime() - subscribed <= TimeUnit.MILLISECONDS.toNanos(1_500)) {
                Message message = client.readPresent();
                assertThat(message).isInstanceOf(Heartbeat.class);
            }
            assertThat(servers.subscribers(FeedKind.NEWS)).isEqualTo(1);
        }
    }

    private double readTimeouts() {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
                .tag(TradingMetric.Tags.SERVICE, "gateway")
                .tag(TradingMetric.Tags.REASON, "READ_TIMEOUT")
                .counter().count();
    }
}
