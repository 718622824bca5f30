package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.market.symbols=AAPL,MSFT,GOOGL",
        "trading.gateway.market.ticks-per-second=200",
        "trading.gateway.news.per-second=20"})
@DirtiesContext
@Timeout(60)
class FeedSubscriptionTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @BeforeEach
    void waitUntilListening() throws InterruptedException {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldStreamSequencedPricesOfTheConfiguredSymbolsToALiveOnlySubscriber() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(ReplayRequest.liveOnly());

            List<PriceTick> ticks = client.readData(PriceTick.class, 60);

            assertContiguous(ticks.stream().map(PriceTick::seq).toList());
            assertThat(ticks).allSatisfy(tick -> {
                assertThat(tick.session()).isEqualTo(servers.session()).isPositive();
                assertThat(tick.symbol()).isIn(SYMBOLS);
                assertThat(tick.bid()).isPositive().isLessThan(tick.ask());
                assertThat(tick.ts()).isPositive();
            });
            assertThat(ticks.stream().map(PriceTick::symbol).distinct()).containsExactlyInAnyOrderElementsOf(SYMBOLS);
        }
    }

    @Test
    void shouldStreamSequencedNewsWithSentimentAndHeadlineToALiveOnlySubscriber() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.NEWS))) {
            client.send(ReplayRequest.liveOnly());

            List<NewsTick> news = client.readData(NewsTick.class, 8);

            assertContiguous(news.stream().map(NewsTick::seq).toList());
            assertThat(news).allSatisfy(item -> {
                assertThat(item.session()).isEqualTo(servers.session());
                assertThat(item.symbol()).isIn(SYMBOLS);
                assertThat(item.sentiment()).isBetween(0, 100);
                assertThat(item.headline()).contains(item.symbol());
            });
        }
    }

    @Test
    void shouldSendNothingUntilTheSubscriberSendsItsReplay() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            // The gateway has accepted the connection (open, not subscribed); then ticks are
            // published, and a heartbeat interval (1 s) passes, while it has sent no replay.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> servers.openConnections(FeedKind.PRICE) > servers.subscribers(FeedKind.PRICE));
            long acceptedAt = System.nanoTime();
            long lastBefore = servers.lastSeq(FeedKind.PRICE);
            await().atMost(Duration.ofSeconds(10)).until(() -> servers.lastSeq(FeedKind.PRICE) >= lastBefore + 5
                    && System.nanoTime() - acceptedAt > TimeUnit.SECONDS.toNanos(1));

            client.send(new ReplayRequest(lastBefore + 1, servers.session()));

            // Nothing before the replay: the first frame is the first one replayed, and the rest follow it.
            Message first = client.readPresent();
            assertThat(first).as("the first frame on the connection").isInstanceOf(PriceTick.class);
            assertThat(((PriceTick) first).seq()).isEqualTo(lastBefore + 1);
            List<Long> seqs = new ArrayList<>(List.of(lastBefore + 1));
            client.readData(PriceTick.class, 10).forEach(tick -> seqs.add(tick.seq()));
            assertContiguous(seqs);
        }
    }

    @Test
    void shouldReplayExactlyTheMissedFramesAsSentLiveThenContinueWithoutHoleOrDuplicate() throws Exception {
        double replaysBefore = replaysServed();
        try (FeedTestClient live = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            live.send(ReplayRequest.liveOnly());
            List<PriceTick> seenLive = new ArrayList<>(live.readData(PriceTick.class, 40));
            long fromSeq = seenLive.get(10).seq();

            try (FeedTestClient late = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
                late.send(new ReplayRequest(fromSeq, servers.session()));
                List<PriceTick> replayed = late.readData(PriceTick.class, 250);
                seenLive.addAll(live.readData(PriceTick.class, 250));

                assertThat(replayed.get(0).seq()).isEqualTo(fromSeq);
                assertContiguous(replayed.stream().map(PriceTick::seq).toList());
                Map<Long, PriceTick> liveBySeq = seenLive.stream()
                        .collect(Collectors.toMap(PriceTick::seq, tick -> tick, (a, b) -> a, HashMap::new));
                List<PriceTick> seenByBoth = replayed.stream().filter(tick -> liveBySeq.containsKey(tick.seq())).toList();
                assertThat(seenByBoth).hasSizeGreaterThan(200);
                assertThat(seenByBoth).allSatisfy(tick -> assertThat(tick).isEqualTo(liveBySeq.get(tick.seq())));
            }
        }
        assertThat(replaysServed()).isEqualTo(replaysBefore + 1);
    }

    private double replaysServed() {
        return registry.get(TradingMetric.FEED_REPLAYS_SERVED.metricName())
                .tag(TradingMetric.Tags.FEED, FeedKind.PRICE.tagValue()).counter().count();
    }

    static void assertContiguous(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq after %d", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }
}
