package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Execution;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orders every order client gave up waiting for and has not settled yet: each was sent at
 * least once, so it may have reached the order manager and filled, and stays in doubt until the
 * order manager answers its {@code cancel}. Counts them for the
 * {@code trading.strategy.orders.in.doubt} gauge and the settlements in
 * {@code trading.strategy.orders.settled{status}}. Any thread.
 */
public final class UnsettledOrders {

    private final AtomicInteger inDoubt = new AtomicInteger();
    private final Counter filled;
    private final Counter notFilled;

    public UnsettledOrders(MeterRegistry registry) {
        Gauge.builder(TradingMetric.STRATEGY_ORDERS_IN_DOUBT.metricName(), inDoubt, AtomicInteger::get)
            .description(TradingMetric.STRATEGY_ORDERS_IN_DOUBT.description())
            .register(registry);
        this.filled = settled(registry, "filled");
        this.notFilled = settled(registry, "not_filled");
    }

    private static Counter settled(MeterRegistry registry, String status) {
        return Counter.builder(TradingMetric.STRATEGY_ORDERS_SETTLED.metricName())
            .description(TradingMetric.STRATEGY_ORDERS_SETTLED.description())
            .tag(TradingMetric.Tags.STATUS, status)
            .register(registry);
    }

    /** An order expired unanswered after it was sent: its cancel goes out. */
    void gaveUp() {
        inDoubt.incrementAndGet();
    }

    /** The order manager answered the cancel of an order in doubt. */
    void settled(Execution answer) {
        inDoubt.decrementAndGet();
        (answer.isFilled() ? filled : notFilled).increment();
    }

    /** Orders in doubt now. */
    public int inDoubt() {
        return inDoubt.get();
    }
}
