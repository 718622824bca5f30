package io.tradingstack.strategy.engine;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.strategy.order.OrderOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One strategy as {@code GET /api/strategies} shows it: a consistent copy the engine thread
 * publishes after every change, so positions and counts always agree with each other.
 *
 * @param strategyId its configured id
 * @param type       its strategy type
 * @param symbols    the symbols it trades
 * @param positions  net position per symbol from FILLED executions only (shares, signed)
 * @param orders     its orders by outcome
 * @param lastSignal its decision on the last news tick it saw; null before any
 * @param lastOrder  the last order it sent and how it ended; null before any
 */
public record StrategyView(String strategyId, String type, List<String> symbols, Map<String, Long> positions,
        OrderCounts orders, SignalView lastSignal, OrderView lastOrder) {

    /**
     * @param sent     orders sent, each once however often it was retried
     * @param filled   answered FILLED
     * @param rejected answered REJECTED
     * @param expired  given up unanswered after the expiry
     * @param inFlight sent and not yet answered or expired
     */
    public record OrderCounts(long sent, long filled, long rejected, long expired, long inFlight) {
    }

    /**
     * @param symbol        the news tick's symbol
     * @param newsSeq       its feed sequence
     * @param newsTs        its {@code ts}, epoch nanoseconds
     * @param sentiment     its sentiment
     * @param signal        the decision in words
     * @param clientOrderId the order it sent, "" when none
     */
    public record SignalView(String symbol, long newsSeq, long newsTs, int sentiment, String signal, String clientOrderId) {
    }

    /**
     * @param status   IN_FLIGHT, FILLED, REJECTED or EXPIRED
     * @param reason   the rejection code, or why it expired; "" otherwise
     * @param price    the fill price; absent unless FILLED
     * @param attempts times it was sent; 0 while in flight
     */
    public record OrderView(String clientOrderId, String symbol, Side side, long quantity, long originTs, String status,
            String reason, BigDecimal price, int attempts) {

        static OrderView inFlight(Order order) {
            return new OrderView(order.clientOrderId(), order.symbol(), order.side(), order.quantity(), order.originTs(),
                "IN_FLIGHT", "", null, 0);
        }

        static OrderView of(OrderOutcome outcome) {
            Order order = outcome.order();
            Execution execution = outcome.execution();
            if (execution == null) {
                return new OrderView(order.clientOrderId(), order.symbol(), order.side(), order.quantity(), order.originTs(),
                    "EXPIRED", outcome.problem(), null, outcome.attempts());
            }
            BigDecimal price = execution.price() == Prices.NONE ? null : new BigDecimal(Prices.format(execution.price()));
            return new OrderView(order.clientOrderId(), order.symbol(), order.side(), order.quantity(), order.originTs(),
                execution.status().name(), execution.reason(), price, outcome.attempts());
        }
    }
}
