package io.tradingstack.metrics;

import java.util.List;

/**
 * Every metric the stack publishes, with its one-line meaning, in one place, as
 * Aeron keeps its system counters. Services register meters by these names only, so the
 * Grafana dashboard and the docs cannot drift from the code. Names are dotted lower case;
 * Prometheus shows them with underscores and a unit suffix ({@code trading_tick_to_trade_seconds}).
 */
public enum TradingMetric {

    // ---- market data feeds (gateway) ----
    FEED_MESSAGES_SENT("trading.feed.messages.sent", MetricKind.COUNTER,
            "Data messages (price or news) the gateway published, per feed.", Tags.FEED),
    FEED_SUBSCRIBERS("trading.feed.subscribers", MetricKind.GAUGE,
            "Subscribers connected to a feed now.", Tags.FEED),
    FEED_REPLAYS_SERVED("trading.feed.replays.served", MetricKind.COUNTER,
            "Replay requests the gateway answered from its ring.", Tags.FEED),
    FEED_RESETS_SENT("trading.feed.resets.sent", MetricKind.COUNTER,
            "Replay requests the gateway could not serve and answered with a reset.", Tags.FEED),
    FEED_SLOW_CONSUMERS_CUT("trading.feed.slow.consumers.cut", MetricKind.COUNTER,
            "Subscribers disconnected because their outbound queue passed the byte limit.", Tags.FEED),

    // ---- feed subscribers (orderbook, strategy) ----
    FEED_MESSAGES_RECEIVED("trading.feed.messages.received", MetricKind.COUNTER,
            "Data messages a subscriber accepted in sequence.", Tags.FEED),
    FEED_GAPS("trading.feed.gaps", MetricKind.COUNTER,
            "Sequence gaps a subscriber detected (each triggers a reconnect and replay).", Tags.FEED),
    FEED_RESETS_RECEIVED("trading.feed.resets.received", MetricKind.COUNTER,
            "Resets a subscriber received: data that was lost and not replayed.", Tags.FEED),
    FEED_RECONNECTS("trading.feed.reconnects", MetricKind.COUNTER,
            "Times a subscriber connected again after losing its feed.", Tags.FEED),
    FEED_SESSIONS("trading.feed.sessions", MetricKind.COUNTER,
            "New gateway sessions a subscriber saw (the gateway restarted).", Tags.FEED),

    // ---- protocol ----
    FRAMES_INVALID("trading.frames.invalid", MetricKind.COUNTER,
            "Frames refused as protocol violations, by service and decode reason.", Tags.SERVICE, Tags.REASON),

    // ---- price book ----
    BOOK_UPDATES("trading.book.updates", MetricKind.COUNTER,
            "Slot updates the orderbook wrote to the shared price book.", Tags.SYMBOL),
    BOOK_AGE("trading.book.age", MetricKind.GAUGE,
            "Seconds since a symbol's slot was last written.", Tags.SYMBOL),

    // ---- orders ----
    ORDERS("trading.orders", MetricKind.COUNTER,
            "Orders decided by the order manager, by status and rejection reason.", Tags.STATUS, Tags.REASON),
    ORDER_CANCELS("trading.orders.cancels", MetricKind.COUNTER,
            "Cancels the order manager answered, by status: fenced (order undecided, now REJECTED CANCELLED for good),"
            + " decided (the order's own execution), refused (wrong strategy or id), unanswered (journal failed).",
            Tags.STATUS),
    POSITION("trading.position", MetricKind.GAUGE,
            "Net position per symbol (shares, signed).", Tags.SYMBOL),
    TRADING_HALTED("trading.halted", MetricKind.GAUGE,
            "1 while an operator has halted trading with the kill switch (new orders REJECTED TRADING_HALTED), else 0."),
    HTTP_AUTH_FAILURES("trading.http.auth.failures", MetricKind.COUNTER,
            "HTTP requests refused 401: credentials missing on a write, or wrong, by reason (missing, bad).", Tags.REASON),

    // ---- order journal (order manager) ----
    JOURNAL_RECORDS("trading.journal.records", MetricKind.COUNTER,
            "Records committed to the order manager's journal since start: orders, order-id reservations and kill-switch switches, not"
                + " replayed ones."),
    JOURNAL_COMMITS("trading.journal.commits", MetricKind.COUNTER,
            "Journal commits: batches of orders made durable as the flush policy says, each before any of them is answered."),
    JOURNAL_TORN_TAILS("trading.journal.torn.tails", MetricKind.COUNTER,
            "Torn last records (writes cut short by a crash) truncated when the journal was opened at start."),
    JOURNAL_FAILED("trading.journal.failed", MetricKind.GAUGE,
            "1 once a journal write or fsync failed (the order manager refuses new orders until restarted), else 0."),
    JOURNAL_IN_DOUBT("trading.journal.in.doubt", MetricKind.COUNTER,
            "Order frames answered with error JOURNAL_UNAVAILABLE because their decision may or may not be in the journal."),
    JOURNAL_ORDER_IDS_EXHAUSTED("trading.journal.order.ids.exhausted", MetricKind.COUNTER,
            "Order frames left undecided (error JOURNAL_UNAVAILABLE) by a failed journal with no reserved order id left."),

    // ---- latency, every hop on its own ----
    HOP_EMIT_TO_BOOK("trading.hop.emit.to.book", MetricKind.TIMER,
            "Gateway emit (price ts) to the price book write in the orderbook."),
    HOP_NEWS_TO_STRATEGY("trading.hop.news.to.strategy", MetricKind.TIMER,
            "Gateway emit (news ts) to the strategy receiving the news tick."),
    HOP_NEWS_TO_ORDER_MANAGER("trading.hop.news.to.order.manager", MetricKind.TIMER,
            "Gateway emit (news ts, an order's originTs) to the order manager having the order frame decoded: the news hop,"
                + " the strategy's decision and the order hop, before the order manager decides."),
    HOP_NEWS_TO_ORDER_SENT("trading.hop.news.to.order.sent", MetricKind.TIMER,
            "Gateway emit (news ts, an order's originTs) to the strategy having written the order to the order manager's"
                + " socket, first attempt only: the news hop and the strategy's decision, without the order hop."),
    HOP_ORDER_ROUND_TRIP("trading.hop.order.round.trip", MetricKind.TIMER,
            "Strategy sends an order to the strategy receiving its execution."),
    JOURNAL_WRITE("trading.journal.write", MetricKind.TIMER,
            "One order-manager journal commit: the batch's writes and the fsyncs its flush policy requires."),
    TICK_TO_TRADE("trading.tick.to.trade", MetricKind.TIMER,
            "News tick emitted by the gateway (originTs) to the execution decided in the order manager."),

    // ---- agents: every service loop (io.tradingstack.agent) ----
    AGENT_ERRORS("trading.agent.errors", MetricKind.COUNTER,
            "Exceptions an agent loop caught in one iteration (that iteration's work is skipped, the loop goes on).",
            Tags.AGENT),

    // ---- every service (TradingMetricsAutoConfiguration) ----
    JVM_ALLOCATED("trading.jvm.allocated", MetricKind.COUNTER,
            "Bytes the service's threads allocated on the heap (ThreadMXBean), for bytes allocated per tick."),

    // ---- strategy (each series also carries a strategy tag: the configured strategy id) ----
    STRATEGY_ORDERS_SENT("trading.strategy.orders.sent", MetricKind.COUNTER,
            "Orders a strategy sent, each counted once however often it was retried.", Tags.STRATEGY),
    STRATEGY_ORDERS("trading.strategy.orders", MetricKind.COUNTER,
            "Orders a strategy finished, by status: filled, rejected, or expired (no execution before the expiry).", Tags.STRATEGY,
            Tags.STATUS),
    STRATEGY_ORDER_RETRIES("trading.strategy.order.retries", MetricKind.COUNTER,
            "Order attempts resent with the same clientOrderId after a reply timeout or a lost connection.", Tags.STRATEGY),
    STRATEGY_POSITION("trading.strategy.position", MetricKind.GAUGE,
            "Net position a strategy holds per symbol, from its fills only (shares, signed).", Tags.STRATEGY, Tags.SYMBOL),
    STRATEGY_ERRORS("trading.strategy.errors", MetricKind.COUNTER,
            "Exceptions a strategy threw (that tick is skipped) and news ticks a full engine inbox dropped.", Tags.STRATEGY),
    STRATEGY_ORDERS_SETTLED("trading.strategy.orders.settled", MetricKind.COUNTER,
            "Expired orders settled by a cancel the order manager answered: filled (the fill applies late) or not_filled.",
            Tags.STATUS),
    STRATEGY_ORDERS_IN_DOUBT("trading.strategy.orders.in.doubt", MetricKind.GAUGE,
            "Orders expired unanswered whose cancel the order manager has not answered yet.");

    private final String metricName;
    private final MetricKind kind;
    private final String description;
    private final List<String> tagKeys;

    TradingMetric(String metricName, MetricKind kind, String description, String... tagKeys) {
        this.metricName = metricName;
        this.kind = kind;
        this.description = description;
        this.tagKeys = List.of(tagKeys);
    }

    /** The Micrometer name. */
    public String metricName() {
        return metricName;
    }

    public MetricKind kind() {
        return kind;
    }

    /** One line: what the number means. */
    public String description() {
        return description;
    }

    /** The tags every series of this metric carries; the values come from small, bounded sets. */
    public List<String> tagKeys() {
        return tagKeys;
    }

    /** The tag keys, as constants, so that a typo is a compile error. */
    public static final class Tags {
        public static final String FEED = "feed";
        public static final String SERVICE = "service";
        public static final String REASON = "reason";
        public static final String STATUS = "status";
        public static final String SYMBOL = "symbol";
        public static final String SIDE = "side";
        public static final String STRATEGY = "strategy";
        /** An agent's role name, which is also its thread's name: a few fixed names per service. */
        public static final String AGENT = "agent";

        private Tags() {
        }
    }
}
