package io.tradingstack.strategy.signal;

import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.Objects;

/**
 * An order a strategy wants sent; the engine adds the client order id, the strategy id and the
 * {@code originTs}.
 *
 * @param quantity   positive
 * @param limitPrice fixed point, or {@link Prices#NONE} for a market order
 */
public record OrderIntent(String symbol, Side side, long quantity, long limitPrice) {

    public OrderIntent {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity=" + quantity + ", must be > 0");
        }
        if (limitPrice < 0) {
            throw new IllegalArgumentException("limitPrice=" + limitPrice + ", must be > 0 or Prices.NONE");
        }
    }

    /** A market order: filled at the book's top, buy at the ask, sell at the bid. */
    public static OrderIntent market(String symbol, Side side, long quantity) {
        return new OrderIntent(symbol, side, quantity, Prices.NONE);
    }
}
