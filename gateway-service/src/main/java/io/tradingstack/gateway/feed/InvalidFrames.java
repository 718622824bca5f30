package io.tradingstack.gateway.feed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.DecodeFailure;

/**
 * {@code trading.frames.invalid{service=gateway, reason}}. The reasons are a closed set (the
 * decode failures and the feed refusals), all registered at start so each series starts at 0.
 */
final class InvalidFrames {

    static final String SERVICE = "gateway";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InvalidFrames(MeterRegistry registry) {
        this.registry = registry;
        for (DecodeFailure failure : DecodeFailure.values()) {
            counter(failure.name());
        }
        counter(FeedRefusal.NO_REPLAY.name());
        counter(FeedRefusal.UNEXPECTED_FRAME.name());
    }

    void count(String reason) {
        counters.computeIfAbsent(reason, this::register).increment();
    }

    private void counter(String reason) {
        counters.computeIfAbsent(reason, this::register);
    }

    private Counter register(String reason) {
        return Counter.builder(TradingMetric.FRAMES_INVALID.metricName())
                .description(TradingMetric.FRAMES_INVALID.description())
                .tag(TradingMetric.Tags.SERVICE, SERVICE)
                .tag(TradingMetric.Tags.REASON, reason)
                .register(registry);
    }
}
