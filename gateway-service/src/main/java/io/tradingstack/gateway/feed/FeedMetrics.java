package io.tradingstack.gateway.feed;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;

/** The meters of one feed, registered at start so every series exists from 0. */
final class FeedMetrics {

    private final Counter messagesSent;
    private final Counter replaysServed;
    private final Counter resetsSent;
    private final Counter slowConsumersCut;
    private final AtomicInteger subscribers = new AtomicInteger();

    FeedMetrics(MeterRegistry registry, FeedKind feed) {
        this.messagesSent = counter(registry, TradingMetric.FEED_MESSAGES_SENT, feed);
        this.replaysServed = counter(registry, TradingMetric.FEED_REPLAYS_SERVED, feed);
        this.resetsSent = counter(registry, TradingMetric.FEED_RESETS_SENT, feed);
        this.slowConsumersCut = counter(registry, TradingMetric.FEED_SLOW_CONSUMERS_CUT, feed);
        Gauge.builder(TradingMetric.FEED_SUBSCRIBERS.metricName(), subscribers, AtomicInteger::get)
                .description(TradingMetric.FEED_SUBSCRIBERS.description())
                .tag(TradingMetric.Tags.FEED, feed.tagValue())
                .register(registry);
    }

    void messageSent() {
        messagesSent.increment();
    }

    void replayServed() {
        replaysServed.increment();
    }

    void resetSent() {
        resetsSent.increment();
    }

    void slowConsumerCut() {
        slowConsumersCut.increment();
    }

    void subscribers(int count) {
        subscribers.set(count);
    }

    private static Counter counter(MeterRegistry registry, TradingMetric metric, FeedKind feed) {
        return Counter.builder(metric.metricName())
                .description(metric.description())
                .tag(TradingMetric.Tags.FEED, feed.tagValue())
                .register(registry);
    }
}
