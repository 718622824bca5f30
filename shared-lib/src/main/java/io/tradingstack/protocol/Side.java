package io.tradingstack.protocol;

/** Order side. BUY lifts the ask, SELL hits the bid. */
public enum Side {
    BUY,
    SELL;

    /** +1 for BUY, -1 for SELL: the sign a fill gives to a position. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
