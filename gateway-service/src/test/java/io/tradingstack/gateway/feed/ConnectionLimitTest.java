package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.max-connections=2",
        "trading.gateway.market.ticks-per-second=100",
        "trading.gateway.news.per-second=0"})
@DirtiesContext
@Timeout(60)
class ConnectionLimitTest {

    @Autowired
    private FeedServers servers;

    @Test
    void shouldRefuseAConnectionOverTheCapWithTooManyConnectionsAndKeepTheOthers() throws Exception {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        int port = servers.port(FeedKind.PRICE);
        try (FeedTestClient first = FeedTestClient.connect(port); FeedTestClient second = FeedTestClient.connect(port)) {
            first.send(ReplayRequest.liveOnly());
            second.send(ReplayRequest.liveOnly());
            first.readData(PriceTick.class, 1);
            second.readData(PriceTick.class, 1);

            try (FeedTestClient third = FeedTestClient.connect(port)) {
                Message answer = third.readPresent();
                assertThat(answer).isInstanceOf(ErrorFrame.class);
                assertThat(((ErrorFrame) answer).reason()).isEqualTo("TOO_MANY_CONNECTIONS");
                assertThat(third.isClosedByServer()).isTrue();
            }

            assertThat(first.readData(PriceTick.class, 20)).hasSize(20);
            assertThat(second.readData(PriceTick.class, 20)).hasSize(20);
            // The gateway forgets the refused connection on its own thread, after the client saw it closed.
            await().atMost(Duration.ofSeconds(10)).until(() -> servers.openConnections(FeedKind.PRICE) == 2);
        }
    }
}
