package io.tradingstack.gateway.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.protocol.NewsTick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The news feed's publisher writes to idle subscribers itself (the default). A subscriber that
 * stops reading fills its small socket buffers within a fraction of a second, and the next write
 * to it blocks the publisher: it is cut off after {@code publisher-write-timeout} (its queue
 * would take half an hour to reach {@code max-queued-bytes} of 256 MB, so nothing else can cut it
 * within the test's bound), while a subscriber that reads receives every
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
        StoppedReaderScenario.assertOnlyTheStoppedReaderIsCut(servers, registry, FeedKind.NEWS, NewsTick.class,
                NewsTick::seq, 8 << 20);
    }
}
