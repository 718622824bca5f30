package io.tradingstack.protocol;

import java.math.BigDecimal;

/**
 * Prices as fixed-point {@code long}s: the price times 10^8. No floating point
 * touches money inside the stack; JSON numbers are converted exactly at the wire edge, and a
 * price with more than eight significant decimals is refused rather than rounded.
 */
public final class Prices {

    /** Decimal places kept. */
    public static final int DECIMALS = 8;

    /** One unit of price: 1.0 is {@code SCALE}. */
    public static final long SCALE = 100_000_000L;

    /** The value of an optional price that is absent (a valid price is always positive). */
    public static final long NONE = 0L;

    private Prices() {
    }

    /** Nearest fixed-point value of a double; for simulations and tests, never for wire input. */
    public static long fromDouble(double price) {
        if (!Double.isFinite(price) || Math.abs(price) >= (double) Long.MAX_VALUE / SCALE) {
            throw new IllegalArgumentException("price=" + price + ", must be finite and below " + Long.MAX_VALUE / SCALE);
        }
        return Math.round(price * SCALE);
    }

    public static double toDouble(long fixedPoint) {
        return (double) fixedPoint / SCALE;
    }

    /** Exact conversion of a decimal string such as "187.25"; throws if it has more than 8 decimals. */
    public static long parse(String decimal) {
        return new BigDecimal(decimal).movePointRight(DECIMALS).longValueExact();
    }

    /** The shortest exact decimal text, as the encoder writes it: 18725000000 → "187.25". */
    public static String format(long fixedPoint) {
        return BigDecimal.valueOf(fixedPoint, DECIMALS).stripTrailingZeros().toPlainString();
    }

    /** Midpoint of bid and ask without overflow, rounded down. */
    public static long mid(long bid, long ask) {
        return (bid >> 1) + (ask >> 1) + (bid & ask & 1);
    }
}
