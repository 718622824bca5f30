package io.tradingstack.ordermanager.execution;

import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;

/**
 * Immediate-or-cancel against the book's top: a buy lifts the ask, a
 * sell hits the bid, for the whole quantity (the book has no depth). A limit that does not
 * cross the touch fills nothing and is rejected {@code NOT_MARKETABLE}; one that crosses fills
 * at the book's price, not at the limit.
 */
public final class ImmediateOrCancel {

    private ImmediateOrCancel() {
    }

    /** The price a side fills at, ignoring any limit: the ask for a buy, the bid for a sell. */
    public static long touch(Side side, long bid, long ask) {
        return side == Side.BUY ? ask : bid;
    }

    /** True when the order's limit, if any, reaches the touch: a buy limit at or above the ask, a sell at or below the bid. */
    public static boolean isMarketable(Order order, long bid, long ask) {
        if (!order.hasLimitPrice()) {
            return true;
        }
        return order.side() == Side.BUY ? order.limitPrice() >= ask : order.limitPrice() <= bid;
    }

    /** The fill price, or {@link Prices#NONE} when the order is not marketable. */
    public static long fillPrice(Order order, long bid, long ask) {
        return isMarketable(order, bid, ask) ? touch(order.side(), bid, ask) : Prices.NONE;
    }
}
