package io.tradingstack.ordermanager.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every order leaves behind once its execution is sent: one DEBUG line on the
 * {@code io.tradingstack.orders} logger with its outcome (at DEBUG, since nothing is logged per
 * message at INFO: the journal is the record of every order, and the log follows it on demand), a count in
 * {@code trading.orders{status, reason}}, and for a new decision of an order that carries the
 * {@code ts} of the tick that caused it, the tick-to-trade time (news emitted → execution
 * decided) in {@code trading.tick.to.trade}, and its part up to the order frame decoded here in
 * {@code trading.hop.news.to.order.manager}.
 *
 * <p>A repeated order (same id, same content) is logged as such but neither counted nor timed
 * again: nothing was decided. An order in doubt is counted in {@code trading.journal.in.doubt}
 * only: nobody was told it filled or was rejected; a frame left without an order id, in
 * {@code trading.journal.order.ids.exhausted} only. Every series is registered at start, so each starts at 0.
 *
 * <p>A cancel is counted in {@code trading.orders.cancels{status}}: {@code fenced} when it found its
 * order undecided (and its REJECTED {@code CANCELLED} is counted in {@code trading.orders} like every
 * stored rejection), {@code decided} when it was answered with its order's execution (counted
 * there already), {@code refused} when rejected for its strategy or id (no order: not in
 * {@code trading.orders}), {@code unanswered} when closed with an error for a failed journal.
 */
public final class OrderEvents {

    /** The dedicated order log: one line per order frame answered. */
    public static final String ORDER_LOGGER = "io.tradingstack.orders";

    /** The {@code reason} tag of a FILLED order. */
    public static final String NO_REASON = "none";

    private static final Logger orders = LoggerFactory.getLogger(ORDER_LOGGER);

    private final Counter filled;
    private final Counter inDoubt;
    private final Counter noOrderId;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter cancelsFenced;
    private final Counter cancelsDecided;
    private final Counter cancelsRefused;
    private final Counter cancelsUnanswered;
    private final Timer tickToTrade;
    private final Timer newsToOrderManager;

    public OrderEvents(MeterRegistry registry) {
        this.filled = counter(registry, "FILLED", NO_REASON);
        this.inDoubt = Counter.builder(TradingMetric.JOURNAL_IN_DOUBT.metricName())
            .description(TradingMetric.JOURNAL_IN_DOUBT.description())
            .register(registry);
        this.noOrderId = Counter.builder(TradingMetric.JOURNAL_ORDER_IDS_EXHAUSTED.metricName())
            .description(TradingMetric.JOURNAL_ORDER_IDS_EXHAUSTED.description())
            .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, counter(registry, "REJECTED", reason.name()));
        }
        this.cancelsFenced = cancels(registry, "fenced");
        this.cancelsDecided = cancels(registry, "decided");
        this.cancelsRefused = cancels(registry, "refused");
        this.cancelsUnanswered = cancels(registry, "unanswered");
        this.tickToTrade = Timer.builder(TradingMetric.TICK_TO_TRADE.metricName())
            .description(TradingMetric.TICK_TO_TRADE.description())
            .register(registry);
        this.newsToOrderManager = Timer.builder(TradingMetric.HOP_NEWS_TO_ORDER_MANAGER.metricName())
            .description(TradingMetric.HOP_NEWS_TO_ORDER_MANAGER.description())
            .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String status, String reason) {
        return Counter.builder(TradingMetric.ORDERS.metricName())
            .description(TradingMetric.ORDERS.description())
            .tag(TradingMetric.Tags.STATUS, status)
            .tag(TradingMetric.Tags.REASON, reason)
            .register(registry);
    }

    private static Counter cancels(MeterRegistry registry, String status) {
        return Counter.builder(TradingMetric.ORDER_CANCELS.metricName())
            .description(TradingMetric.ORDER_CANCELS.description())
            .tag(TradingMetric.Tags.STATUS, status)
            .register(registry);
    }

    /** Logs, counts and times one answered order frame; call once per frame, after its execution is sent. */
    public void record(Decision decision, String connectionId) {
        Execution execution = decision.execution();
        if (decision.isCancel()) {
            countCancel(decision);
        } else if (decision.outcome() == Decision.Outcome.IN_DOUBT) {
            inDoubt.increment(); // neither filled nor rejected as far as anyone was told
        } else if (decision.outcome() == Decision.Outcome.NO_ORDER_ID) {
            noOrderId.increment(); // not decided at all
        } else if (decision.outcome() != Decision.Outcome.REPEATED) {
            if (execution.isFilled()) {
                filled.increment();
            } else {
                rejected.get(decision.rejection().reason()).increment();
            }
            Order order = decision.order();
            if (order != null && order.originTs() > 0 && decision.outcome() == Decision.Outcome.DECIDED) {
                // Two hosts' clocks may be a little apart; a negative time is not recorded by the Timer.
                tickToTrade.record(execution.ts() - order.originTs(), TimeUnit.NANOSECONDS);
                // Its first part, up to the frame decoded here: what is left of tick-to-trade is this service's decision.
                newsToOrderManager.record(decision.receivedTs() - order.originTs(), TimeUnit.NANOSECONDS);
            }
        }
        if (orders.isDebugEnabled()) {
            orders.debug(line(decision, connectionId));
        }
    }

    private void countCancel(Decision decision) {
        switch (decision.outcome()) {
            case DECIDED -> {
                cancelsFenced.increment();
                rejected.get(RejectReason.CANCELLED).increment(); // a stored rejection, as any other
            }
            case REPEATED -> cancelsDecided.increment();
            case REFUSED -> cancelsRefused.increment();
            case IN_DOUBT, NO_ORDER_ID, UNFENCED -> cancelsUnanswered.increment();
        }
    }

    static String line(Decision decision, String connectionId) {
        Execution execution = decision.execution();
        StringBuilder line = new StringBuilder(256).append("orderId=");
        if (decision.outcome() == Decision.Outcome.NO_ORDER_ID || decision.outcome() == Decision.Outcome.UNFENCED) {
            line.append("none");
        } else {
            line.append(execution.orderId());
        }
        line.append(" clientOrderId=").append(execution.clientOrderId());
        if (decision.isCancel()) {
            line.append(" cancel strategyId=").append(decision.cancel().strategyId());
        }
        Order order = decision.order();
        if (order != null) {
            line.append(" strategyId=").append(order.strategyId())
                .append(" symbol=").append(order.symbol())
                .append(" side=").append(order.side())
                .append(" quantity=").append(order.quantity())
                .append(" limit=").append(order.hasLimitPrice() ? Prices.format(order.limitPrice()) : "MARKET");
        }
        if (decision.outcome() == Decision.Outcome.IN_DOUBT) {
            return line.append(" status=IN_DOUBT decided=").append(execution.status())
                .append(" (the journal failed while storing it; answered with error ")
                .append("JOURNAL_UNAVAILABLE, not with this decision) connection=").append(connectionId).toString();
        }
        if (decision.outcome() == Decision.Outcome.UNFENCED) {
            return line.append(" status=UNDECIDED (the journal failed and cannot store the cancel's fence; answered")
                .append(" with error JOURNAL_UNAVAILABLE) connection=").append(connectionId).toString();
        }
        if (decision.outcome() == Decision.Outcome.NO_ORDER_ID) {
            return line.append(" status=UNDECIDED (the journal failed and has no reserved order id left; answered")
                .append(" with error JOURNAL_UNAVAILABLE) connection=").append(connectionId).toString();
        }
        line.append(" status=").append(execution.status());
        if (execution.isFilled()) {
            line.append(" price=").append(Prices.format(execution.price()));
        } else {
            line.append(" reason=").append(execution.reason());
        }
        if (decision.outcome() == Decision.Outcome.REPEATED) {
            line.append(decision.isCancel() ? " decided=true (the order's own execution answered)"
                : " repeated=true (original execution answered again)");
        } else if (decision.rejection() != null && !decision.rejection().detail().isEmpty()) {
            line.append(' ').append(decision.rejection().detail());
        }
        if (order != null && order.originTs() > 0 && decision.outcome() == Decision.Outcome.DECIDED) {
            line.append(" tickToTradeMicros=").append((execution.ts() - order.originTs()) / 1_000);
        }
        return line.append(" connection=").append(connectionId).toString();
    }
}
