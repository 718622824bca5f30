package io.tradingstack.protocol;

/**
 * {@code order}: strategy → order manager.
 *
 * @param clientOrderId 1–64 printable ASCII characters, unique across the stack
 * @param quantity      positive
 * @param limitPrice    fixed point, or {@link Prices#NONE} for a market order
 * @param originTs      {@code ts} of the tick that caused the order, or 0 when none did
 */
public record Order(String clientOrderId, String strategyId, String symbol, Side side, long quantity,
                    long limitPrice, long originTs) implements Message {

    public boolean hasLimitPrice() {
        return limitPrice != Prices.NONE;
    }

    /** Same strategy, symbol, side, quantity and limit: a repeat of this order, not a new one. */
    public boolean sameContentAs(Order other) {
        return strategyId.equals(other.strategyId) && symbol.equals(other.symbol) && side == other.side
                && quantity == other.quantity && limitPrice == other.limitPrice;
    }

    @Override
    public MessageType type() {
        return MessageType.ORDER;
    }
}
