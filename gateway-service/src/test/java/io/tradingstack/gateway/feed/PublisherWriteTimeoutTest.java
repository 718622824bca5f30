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
 * to it blocks the publisher: it is cut off after {@code publisher-write-timeout}, while a
 * subscriber that reads receives every sequence before and after the cut. Were that cut broken,
 * the publisher would stay blocked in that write, the reader would stop receiving and nothing
 * would be cut: the test fails.
 *
 * <p>On a loaded machine a publisher write can take over a millisecond before the buffers are
 * full, and the subscriber's writes then move to its sender (a slow socket holds up no one); the
 * sender's write blocks instead, which holds up nobody, and the subscriber is cut by its queue
 * limit, {@code max-queued-bytes} of 4 MB, some 20 s of news at 1,000/s later. Either way only
 * the stopped reader is cut and the publisher is never held up. The reader's receive buffer is as large as the kernel allows
 * (a few hundred KB, seconds of news at 1,000/s), so that a test thread starved on a loaded
 * machine is not cut too; a write to it that slows down moves it to its sender anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.max-queued-bytes=4MB",
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
