package io.tradingstack.ordermanager.position;

import io.tradingstack.protocol.Prices;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Amounts of money in fixed point, as prices are (currency × 10^8, {@link Prices#SCALE}): a
 * quantity times a fixed-point price is a fixed-point amount. No floating point touches money;
 * {@link #toDecimal} is the one conversion, at the REST edge.
 */
public final class Money {

    private Money() {
    }

    /**
     * {@code quantity × price}, exact.
     *
     * @throws ArithmeticException if the amount does not fit a long (about 92 billion currency
     *                             units): the risk limits keep every held amount far below that
     */
    public static long amount(long quantity, long price) {
        return Math.multiplyExact(quantity, price);
    }

    /** {@code quantity × price}, or {@link Long#MAX_VALUE} when it does not fit: for limit checks. */
    public static long saturatedAmount(long quantity, long price) {
        long high = Math.multiplyHigh(quantity, price);
        long low = quantity * price;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (quantity < 0) == (price < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} when it does not fit (both non-negative). */
    public static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * {@code amount × part / whole}, truncated toward zero: the share of a position's cost that
     * {@code part} of its {@code whole} quantity carries. Exact in 128 bits, so it never
     * overflows for {@code |part| <= |whole|}.
     */
    public static long share(long amount, long part, long whole) {
        if (whole == 0) {
            throw new IllegalArgumentException("whole=0, part=" + part);
        }
        long high = Math.multiplyHigh(amount, part);
        long low = amount * part;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low / whole;
        }
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole))
            .longValueExact();
    }

    /** The exact decimal of a fixed-point amount or price, with no trailing zeros and no exponent: 392000000 → 3.92. */
    public static BigDecimal toDecimal(long fixedPoint) {
        BigDecimal decimal = BigDecimal.valueOf(fixedPoint, Prices.DECIMALS).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }
}
