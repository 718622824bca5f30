package io.tradingstack.gateway.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.protocol.PriceTick;
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
@Timeout(120)
class SlowConsumerTest {

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @Test
    void shouldCutASubscriberThatStopsReadingWhileAnotherReceivesEverySequence() throws Exception {
        StoppedReaderScenario.assertOnlyTheStoppedReaderIsCut(servers, registry, FeedKind.PRICE, PriceTick.class,
                PriceTick::seq, 0);
    }
}
