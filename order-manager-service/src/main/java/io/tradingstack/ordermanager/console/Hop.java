package io.tradingstack.ordermanager.console;

import io.tradingstack.metrics.TradingMetric;

/**
 * The latencies the console charts: tick-to-trade and each hop on its way, with the service that
 * measures it. The order manager's own are read from its registry, the others from the
 * measuring service's {@code /actuator/prometheus}.
 */
enum Hop {
    TICK_TO_TRADE("tick-to-trade", ServiceName.ORDER_MANAGER, TradingMetric.TICK_TO_TRADE),
    EMIT_TO_BOOK("gateway → book", ServiceName.ORDERBOOK, TradingMetric.HOP_EMIT_TO_BOOK),
    NEWS_TO_STRATEGY("news → strategy", ServiceName.STRATEGY, TradingMetric.HOP_NEWS_TO_STRATEGY),
    NEWS_TO_ORDER_SENT("news → order sent", ServiceName.STRATEGY, TradingMetric.HOP_NEWS_TO_ORDER_SENT),
    NEWS_TO_ORDER_MANAGER("news → order manager", ServiceName.ORDER_MANAGER, TradingMetric.HOP_NEWS_TO_ORDER_MANAGER),
    ORDER_ROUND_TRIP("order round trip", ServiceName.STRATEGY, TradingMetric.HOP_ORDER_ROUND_TRIP),
    JOURNAL_WRITE("journal commit", ServiceName.ORDER_MANAGER, TradingMetric.JOURNAL_WRITE);

    private final String label;
    private final ServiceName measuredBy;
    private final TradingMetric metric;

    Hop(String label, ServiceName measuredBy, TradingMetric metric) {
        this.label = label;
        this.measuredBy = measuredBy;
        this.metric = metric;
    }

    String label() {
        return label;
    }

    ServiceName measuredBy() {
        return measuredBy;
    }

    TradingMetric metric() {
        return metric;
    }

    /** The Prometheus base name: dots to underscores, the timer's unit appended. */
    String prometheusName() {
        return metric.metricName().replace('.', '_') + "_seconds";
    }
}
