package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Silence on a connection: 4 prices a second, no news, a heartbeat after 100 ms without a frame. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.heartbeat-interval=100ms",
        "trading.gateway.market.ticks-per-second=4",
        "trading.gateway.news.per-second=0"})
@DirtiesContext
@Timeout(60)
class HeartbeatTest {

    @Autowired
    private FeedServers servers;

    @BeforeEach
    void waitUntilListening() throws InterruptedException {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldSendHeartbeatsBetweenTicksCarryingTheLastSeqSentOnTheConnection() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(ReplayRequest.liveOnly());

            long lastDataSeq = 0;
            int prices = 0;
            int heartbeatsAfterData = 0;
            while (prices < 3 || heartbeatsAfterData < 3) {
                Message message = client.readPresent();
                if (message instanceof PriceTick tick) {
                    prices++;
                    lastDataSeq = tick.seq();
                } else {
                    assertThat(message).isInstanceOf(Heartbeat.class);
                    Heartbeat heartbeat = (Heartbeat) message;
                    assertThat(heartbeat.session()).isEqualTo(servers.session());
                    assertThat(heartbeat.seq()).as("the last price seq sent on this connection").isEqualTo(lastDataSeq);
                    assertThat(heartbeat.ts()).isPositive();
                    if (lastDataSeq > 0) {
                        heartbeatsAfterData++;
                    }
                }
            }
        }
    }

    @Test
    void shouldSendHeartbeatsWithSeqZeroWhileNoDataWasSentOnTheConnection() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.NEWS))) {
            client.send(ReplayRequest.liveOnly());

            for (int i = 0; i < 3; i++) {
                Message message = client.readPresent();
                assertThat(message).isEqualTo(new Heartbeat(servers.session(), 0, ((Heartbeat) message).ts()));
            }
        }
    }
}
