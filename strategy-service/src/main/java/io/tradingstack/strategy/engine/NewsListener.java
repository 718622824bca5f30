package io.tradingstack.strategy.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.feed.FeedListener;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.strategy.order.OrderClients;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The news feed's listener, on the feed thread: times the hop from the gateway's emit to here,
 * then has the strategies decide on the tick on this thread when the engine is free, or hands it
 * to the engine thread through the inbox when it is busy. It never waits for the engine: when the
 * inbox is full the tick is dropped, counted and logged (the first, then every 1,000th).
 */
final class NewsListener implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(NewsListener.class);

    /** The {@code strategy} tag of errors that belong to the engine, not to one strategy. */
    static final String ENGINE = "engine";

    private final StrategyEngineLoop engine;
    private final EngineInbox inbox;
    private final EpochNanoClock clock;
    private final Timer newsToStrategy;
    private final Counter dropped;
    // feed thread only
    private long drops;

    NewsListener(StrategyEngineLoop engine, EngineInbox inbox, EpochNanoClock clock, MeterRegistry registry) {
        this.engine = engine;
        this.inbox = inbox;
        this.clock = clock;
        this.newsToStrategy = Timer.builder(TradingMetric.HOP_NEWS_TO_STRATEGY.metricName())
            .description(TradingMetric.HOP_NEWS_TO_STRATEGY.description())
            .register(registry);
        this.dropped = Counter.builder(TradingMetric.STRATEGY_ERRORS.metricName())
            .description(TradingMetric.STRATEGY_ERRORS.description())
            .tag(OrderClients.STRATEGY_TAG, ENGINE)
            .register(registry);
    }

    @Override
    public void onNews(NewsTick tick) {
        // Both times come from one host's epoch-nanosecond clocks; a negative hop is not recorded.
        newsToStrategy.record(clock.epochNanos() - tick.ts(), TimeUnit.NANOSECONDS);
        if (engine.decideNow(tick)) {
            return;
        }
        if (!inbox.offerNews(tick)) {
            dropped.increment();
            if (drops++ % 1000 == 0) {
                log.warn("Engine inbox full ({} items): news seq {} on {} dropped, {} dropped so far", inbox.size(),
                    tick.seq(), tick.symbol(), drops);
            }
        }
    }
}
