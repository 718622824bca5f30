package io.tradingstack.ordermanager.risk;

/** Where the gross-notional rule finds the current price of a symbol held. */
@FunctionalInterface
public interface MarkSource {

    /** The symbol's mid in the book, fixed point, stale or not; {@code Prices.NONE} when the book has none. */
    long mid(String symbol);
}
