package io.tradingstack.gateway.feed;

import static io.tradingstack.gateway.feed.FeedSubscriptionTest.assertContiguous;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Protocol errors on either port: each gets an {@code error} frame naming its reason, a closed
 * connection and a count, while a healthy subscriber on the same port misses nothing.
 *
 * <p>The replay timeout is 10 s: every client here sends its first frame right after connecting,
 * and a test thread held up on a loaded machine must not turn that into NO_REPLAY. The test of
 * the timeout itself waits it out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.replay-timeout=10s",
        "trading.gateway.market.ticks-per-second=100",
        "trading.gateway.news.per-second=20"})
@DirtiesContext
@Timeout(60)
class BadInputTest {

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    private FeedTestClient healthyPrices;
    private FeedTestClient healthyNews;
    private final List<Long> healthyPriceSeqs = new ArrayList<>();
    private final List<Long> healthyNewsSeqs = new ArrayList<>();

    @BeforeEach
    void subscribeHealthyClients() throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        healthyPrices = FeedTestClient.connect(servers.port(FeedKind.PRICE));
        healthyPrices.send(ReplayRequest.liveOnly());
        healthyPrices.readData(PriceTick.class, 5).forEach(tick -> healthyPriceSeqs.add(tick.seq()));
        healthyNews = FeedTestClient.connect(servers.port(FeedKind.NEWS));
        healthyNews.send(ReplayRequest.liveOnly());
        healthyNews.readData(NewsTick.class, 1).forEach(news -> healthyNewsSeqs.add(news.seq()));
    }

    @AfterEach
    void healthyClientsMissedNothing() throws Exception {
        try (FeedTestClient prices = healthyPrices; FeedTestClient news = healthyNews) {
            prices.readData(PriceTick.class, 50).forEach(tick -> healthyPriceSeqs.add(tick.seq()));
            news.readData(NewsTick.class, 5).forEach(item -> healthyNewsSeqs.add(item.seq()));
            assertContiguous(healthyPriceSeqs);
            assertContiguous(healthyNewsSeqs);
        }
    }

    @Test
    void shouldAnswerGarbageBytesWithFrameTooLargeAndCloseThatConnectionOnly() throws Exception {
        assertRefused(FeedKind.PRICE, "FRAME_TOO_LARGE",
                client -> client.sendRaw("this is not a frame at all".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldAnswerMalformedJsonOnTheNewsPortWithMalformedJsonAndClose() throws Exception {
        assertRefused(FeedKind.NEWS, "MALFORMED_JSON", client -> client.sendPayload("{\"type\":\"replay\",\"fromSeq\":"));
    }

    @Test
    void shouldAnswerAnUnknownTypeWithUnknownTypeAndClose() throws Exception {
        assertRefused(FeedKind.PRICE, "UNKNOWN_TYPE", client -> client.sendPayload("{\"type\":\"subscribe\",\"fromSeq\":0}"));
    }

    @Test
    void shouldAnswerAReplayWithANegativeSequenceWithOutOfRangeAndClose() throws Exception {
        assertRefused(FeedKind.PRICE, "OUT_OF_RANGE", client -> client.sendPayload("{\"type\":\"replay\",\"fromSeq\":-1}"));
    }

    @Test
    void shouldAnswerAFirstFrameThatIsNotAReplayWithNoReplayAndClose() throws Exception {
        assertRefused(FeedKind.NEWS, "NO_REPLAY", client -> client.send(new Heartbeat(1, 0, 1)));
    }

    @Test
    void shouldAnswerSilenceWithNoReplayOnceTheReplayTimeoutPassed() throws Exception {
        assertRefused(FeedKind.PRICE, "NO_REPLAY", client -> {
            // sends nothing
        });
    }

    @Test
    void shouldAnswerAFrameAfterTheReplayWithUnexpectedFrameAndClose() throws Exception {
        assertRefused(FeedKind.PRICE, "UNEXPECTED_FRAME", client -> {
            client.send(ReplayRequest.liveOnly());
            client.readData(PriceTick.class, 3);
            client.send(ReplayRequest.liveOnly());
        });
    }

    @Test
    void shouldAnswerGarbageAfterTheReplayWithItsDecodeFailureAndClose() throws Exception {
        assertRefused(FeedKind.NEWS, "NOT_AN_OBJECT", client -> {
            client.send(ReplayRequest.liveOnly());
            client.readData(NewsTick.class, 1);
            client.sendPayload("[1,2,3]");
        });
    }

    private void assertRefused(FeedKind feed, String reason, ClientAction action) throws Exception {
        double countedBefore = invalidFrames(reason);
        try (FeedTestClient client = FeedTestClient.connect(servers.port(feed))) {
            action.run(client);

            ErrorFrame error = client.readUntilError();
            assertThat(error.reason()).isEqualTo(reason);
            assertThat(client.isClosedByServer()).as("connection closed after the error").isTrue();
        }
        // Counted before the error frame is written, so no wait is needed.
        assertThat(invalidFrames(reason)).isEqualTo(countedBefore + 1);
    }

    private double invalidFrames(String reason) {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
                .tag(TradingMetric.Tags.SERVICE, "gateway")
                .tag(TradingMetric.Tags.REASON, reason)
                .counter().count();
    }

    @FunctionalInterface
    private interface ClientAction {
        void run(FeedTestClient client) throws Exception;
    }

}
