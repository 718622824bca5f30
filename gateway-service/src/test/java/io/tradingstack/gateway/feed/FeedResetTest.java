package io.tradingstack.gateway.feed;

import static io.tradingstack.gateway.feed.FeedSubscriptionTest.assertContiguous;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Replays the ring cannot serve: a small ring, so that the start of the session falls out of it quickly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.ring-size=20",
        "trading.gateway.market.ticks-per-second=200",
        "trading.gateway.news.per-second=0"})
@DirtiesContext
@Timeout(60)
class FeedResetTest {

    private static final int RING_SIZE = 20;

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @BeforeEach
    void waitUntilTheRingHasWrapped() throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(ReplayRequest.liveOnly());
            while (client.readData(PriceTick.class, 1).get(0).seq() <= 3L * RING_SIZE) {
                // the first sequences are out of the ring now
            }
        }
    }

    @Test
    void shouldResetToTheOldestHeldSequenceWhenTheReplayIsOlderThanTheRingThenSendDataFromThere() throws Exception {
        double resetsBefore = resetsSent();
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(new ReplayRequest(1, servers.session()));

            Reset reset = readReset(client);
            assertThat(reset.session()).isEqualTo(servers.session());
            assertThat(reset.firstSeq()).isGreaterThan(2L * RING_SIZE);
            assertDataFrom(client, reset.firstSeq());
        }
        assertThat(resetsSent()).isEqualTo(resetsBefore + 1);
    }

    @Test
    void shouldResetWhenTheReplayNamesAnotherSession() throws Exception {
        long heldSeq = servers.lastSeq(FeedKind.PRICE);
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(new ReplayRequest(heldSeq, servers.session() + 1));

            Reset reset = readReset(client);
            assertThat(reset.session()).isEqualTo(servers.session());
            assertThat(reset.firstSeq()).isLessThanOrEqualTo(heldSeq + 1);
            assertDataFrom(client, reset.firstSeq());
        }
    }

    @Test
    void shouldResetWhenTheReplayIsNewerThanTheNextSequence() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(new ReplayRequest(servers.lastSeq(FeedKind.PRICE) + 10_000, servers.session()));

            Reset reset = readReset(client);
            assertThat(reset.firstSeq()).isLessThanOrEqualTo(servers.lastSeq(FeedKind.PRICE));
            assertDataFrom(client, reset.firstSeq());
        }
    }

    @Test
    void shouldServeALiveOnlyReplayWithoutResetWhateverTheSession() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(new ReplayRequest(0, servers.session() + 1));

            Message first = client.readPresent();
            assertThat(first).isInstanceOf(PriceTick.class);
            assertThat(((PriceTick) first).session()).isEqualTo(servers.session());
        }
    }

    private static Reset readReset(FeedTestClient client) throws Exception {
        Message first = client.readPresent();
        assertThat(first).as("the first frame after an unservable replay").isInstanceOf(Reset.class);
        return (Reset) first;
    }

    /** The data after the reset starts at its firstSeq and has no hole, over more than the ring held. */
    private static void assertDataFrom(FeedTestClient client, long firstSeq) throws Exception {
        List<PriceTick> ticks = client.readData(PriceTick.class, 3 * RING_SIZE);
        assertThat(ticks.get(0).seq()).isEqualTo(firstSeq);
        assertContiguous(ticks.stream().map(PriceTick::seq).toList());
    }

    private double resetsSent() {
        return registry.get(TradingMetric.FEED_RESETS_SENT.metricName())
                .tag(TradingMetric.Tags.FEED, FeedKind.PRICE.tagValue()).counter().count();
    }

}
