package io.tradingstack.ordermanager.position;

import io.tradingstack.protocol.Prices;

/**
 * One position as published to readers: immutable, fixed point.
 *
 * @param quantity    signed net quantity
 * @param cost        signed fixed-point amount paid for the open quantity
 * @param realizedPnl fixed-point P&amp;L realized so far
 * @param lastPrice   the last fill's price, fixed point
 */
public record PositionView(String symbol, long quantity, long cost, long realizedPnl, long lastPrice) {

    /** Average open price, fixed point, rounded half up to the fixed-point unit; {@link Prices#NONE} when flat. */
    public long averagePrice() {
        if (quantity == 0) {
            return Prices.NONE;
        }
        // cost and quantity have the same sign, so the average is positive.
        long q = Math.abs(quantity);
        long c = Math.abs(cost);
        return c / q + (2 * (c % q) >= q ? 1 : 0);
    }

    /** {@code quantity × mark − cost}, fixed point: what closing at {@code mark} would realize. */
    public long unrealizedPnl(long mark) {
        return Math.subtractExact(Money.amount(quantity, mark), cost);
    }
}
