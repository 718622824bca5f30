package io.tradingstack.gateway.market;

import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Prices;

/**
 * Turns a model price into a two-sided fixed-point quote: the bid is the mid less half the
 * spread, rounded to the nearest tick and at least one tick; the ask is the bid plus the
 * spread, itself rounded up to whole ticks and at least one. So 0 &lt; bid &lt; ask always, and
 * both are multiples of the tick size.
 */
final class Quoter {

    private final long tickSize;
    private final long spread;

    /** @param tickSize and {@code spread} are fixed point, positive */
    Quoter(long tickSize, long spread) {
        if (tickSize <= 0 || spread <= 0) {
            throw new IllegalArgumentException("tickSize=" + tickSize + ", spread=" + spread + ": both must be positive");
        }
        this.tickSize = tickSize;
        this.spread = Math.max(tickSize, Math.floorDiv(spread + tickSize - 1, tickSize) * tickSize);
    }

    /** The spread actually quoted: the configured one rounded up to whole ticks. */
    long spread() {
        return spread;
    }

    PriceQuote quote(String symbol, double mid) {
        long midFixed = Prices.fromDouble(Math.min(mid, GeometricBrownianMotion.MAX_PRICE));
        long bid = Math.floorDiv(midFixed - spread / 2 + tickSize / 2, tickSize) * tickSize;
        bid = Math.max(bid, tickSize);
        return new PriceQuote(symbol, bid, bid + spread);
    }
}
