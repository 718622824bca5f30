package io.tradingstack.ordermanager.risk;

import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.position.Position;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The order against the whole book of orders, in this order: the
 * strategy's order rate, the symbol's net position after the fill, and the gross notional after
 * the fill. Position and notional limits stop what adds exposure only: an order that brings a
 * position (or the gross notional) closer to zero is always allowed, so a book pushed over a
 * limit by moving prices can still be reduced.
 *
 * <p>Gross notional is Σ over symbols of |net position| × price: the fill price for the
 * order's symbol, the book's mid for the others (stale or not), or their last fill price when
 * the book has none.
 *
 * <p>Single writer: the order engine, under its lock.
 */
public final class RiskCheck {

    private final RiskLimits limits;
    private final OrderRateLimiter rate;

    public RiskCheck(RiskLimits limits) {
        this.limits = limits;
        this.rate = new OrderRateLimiter(limits.maxOrdersPerSecond(), TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * @param fillPrice the price the order would fill at (ask for a buy, bid for a sell), fixed point
     * @param positions the net positions per symbol before this order
     * @return the first limit broken, or null; an order that passes the rate check counts towards it
     */
    public Rejection check(Order order, long fillPrice, Map<String, Position> positions, MarkSource marks, long nowNanos) {
        if (!rate.tryAcquire(order.strategyId(), nowNanos)) {
            return new Rejection(RejectReason.ORDER_RATE_LIMIT, "maxOrdersPerSecond=" + limits.maxOrdersPerSecond());
        }
        Position held = positions.get(order.symbol());
        long before = held == null ? 0 : held.quantity();
        long after = before + order.side().sign() * order.quantity();
        if (Math.abs(after) > limits.maxPosition() && Math.abs(after) > Math.abs(before)) {
            return new Rejection(RejectReason.POSITION_LIMIT, "position=" + before
                + " after=" + after + " maxPosition=" + limits.maxPosition());
        }
        long others = 0;
        for (Map.Entry<String, Position> entry : positions.entrySet()) {
            if (!entry.getKey().equals(order.symbol()) && entry.getValue().quantity() != 0) {
                Position position = entry.getValue();
                long mid = marks.mid(entry.getKey());
                long price = mid != Prices.NONE ? mid : position.lastPrice();
                others = Money.saturatedSum(others, Money.saturatedAmount(Math.abs(position.quantity()), price));
            }
        }
        long grossBefore = Money.saturatedSum(others, Money.saturatedAmount(Math.abs(before), fillPrice));
        long grossAfter = Money.saturatedSum(others, Money.saturatedAmount(Math.abs(after), fillPrice));
        if (grossAfter > limits.maxGrossNotional() && grossAfter > grossBefore) {
            return new Rejection(RejectReason.NOTIONAL_LIMIT, "grossNotional=" + Prices.format(grossBefore)
                + " after=" + Prices.format(grossAfter) + " maxGrossNotional=" + Prices.format(limits.maxGrossNotional()));
        }
        return null;
    }
}
