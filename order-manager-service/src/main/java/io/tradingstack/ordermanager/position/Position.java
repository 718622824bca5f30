package io.tradingstack.ordermanager.position;

/**
 * One net position, mutable, owned by the order engine's thread. Quantity is signed (long
 * positive, short negative); {@code cost} is the signed fixed-point amount paid for the open
 * quantity (negative for a short: the proceeds received), so the average price is
 * {@code cost / quantity} and the unrealized P&amp;L at a mark is {@code quantity × mark − cost}.
 *
 * <p>A fill that reduces the position realizes {@code closed × price − (the closed share of
 * cost)}; the share is truncated to the fixed-point unit and the remainder stays in the cost of
 * what is still open, so rounding neither makes nor loses money: closing the whole position
 * removes the whole cost. A fill through zero closes the old side and opens the new one at the
 * fill price.
 */
public final class Position {

    private long quantity;
    private long cost;
    private long realizedPnl;
    private long lastPrice;

    /**
     * Applies a fill.
     *
     * @param signedQuantity positive for a buy, negative for a sell; not 0
     * @param price          fixed-point fill price, positive
     */
    public void fill(long signedQuantity, long price) {
        if (signedQuantity == 0 || price <= 0) {
            throw new IllegalArgumentException("signedQuantity=" + signedQuantity + ", price=" + price);
        }
        long open = signedQuantity;
        if (quantity != 0 && Long.signum(quantity) != Long.signum(signedQuantity)) {
            // Close up to the whole position; what is left of the fill opens the other side.
            long closing = Math.abs(signedQuantity) <= Math.abs(quantity) ? signedQuantity : -quantity;
            long closedCost = Money.share(cost, -closing, quantity);
            // Selling `-closing` of a long receives -closing × price; covering a short pays it.
            realizedPnl = Math.addExact(realizedPnl, Math.subtractExact(Money.amount(-closing, price), closedCost));
            cost = Math.subtractExact(cost, closedCost);
            quantity = Math.addExact(quantity, closing);
            open = signedQuantity - closing;
        }
        if (open != 0) {
            cost = Math.addExact(cost, Money.amount(open, price));
            quantity = Math.addExact(quantity, open);
        }
        lastPrice = price;
    }

    /** Signed net quantity. */
    public long quantity() {
        return quantity;
    }

    /** Signed fixed-point amount paid for the open quantity; 0 when flat. */
    public long cost() {
        return cost;
    }

    /** Fixed-point P&amp;L realized by closing fills. */
    public long realizedPnl() {
        return realizedPnl;
    }

    /** The price of the last fill, fixed point; 0 before the first. */
    public long lastPrice() {
        return lastPrice;
    }

    /** An immutable copy. */
    public PositionView view(String symbol) {
        return new PositionView(symbol, quantity, cost, realizedPnl, lastPrice);
    }
}
