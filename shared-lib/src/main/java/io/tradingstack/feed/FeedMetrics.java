package io.tradingstack.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import java.util.HashMap;
import java.util.Map;

/**
 * The subscriber-side counters of the catalogue ({@link TradingMetric}), tagged with the feed.
 * Counters are registered once here; incrementing one allocates nothing.
 */
final class FeedMetrics {

    final Counter messagesReceived;
    final Counter gaps;
    final Counter resetsReceived;
    final Counter reconnects;
    final Counter sessions;

    private final MeterRegistry registry;
    private final String service;
    /** Invalid-frame counters by reason; the feed thread is the only user. */
    private final Map<String, Counter> invalidFrames = new HashMap<>();

    FeedMetrics(MeterRegistry registry, Feed feed, String service) {
        this.registry = registry;
        this.service = service;
        this.messagesReceived = counter(TradingMetric.FEED_MESSAGES_RECEIVED, feed);
        this.gaps = counter(TradingMetric.FEED_GAPS, feed);
        this.resetsReceived = counter(TradingMetric.FEED_RESETS_RECEIVED, feed);
        this.reconnects = counter(TradingMetric.FEED_RECONNECTS, feed);
        this.sessions = counter(TradingMetric.FEED_SESSIONS, feed);
    }

    /** Counts a frame refused as a protocol violation; {@code reason} comes from a small fixed set. */
    void invalidFrame(String reason) {
        invalidFrames.computeIfAbsent(reason, key -> Counter.builder(TradingMetric.FRAMES_INVALID.metricName())
                .description(TradingMetric.FRAMES_INVALID.description())
                .tag(TradingMetric.Tags.SERVICE, service)
                .tag(TradingMetric.Tags.REASON, key)
                .register(registry))
            .increment();
    }

    private Counter counter(TradingMetric metric, Feed feed) {
        return Counter.builder(metric.metricName())
            .description(metric.description())
            .tag(TradingMetric.Tags.FEED, feed.tag())
            .register(registry);
    }
}
