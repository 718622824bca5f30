package io.tradingstack.protocol;

/**
 * Exact conversions between fixed-point prices ({@link Prices}) and JSON number text, on the
 * {@code char[]} that Jackson's parser exposes and its generator accepts.
 *
 * <p>Jackson offers a decimal only as a {@code BigDecimal} (two or three objects per price)
 * or a {@code double} (inexact: it cannot tell 187.250000001 from 187.25), so this one
 * conversion stays ours; the text it reads has already passed Jackson's number grammar.
 */
final class PriceText {

    /** Returned by {@link #parse} when the number has more decimals than a price keeps, or is too large. */
    static final long NOT_REPRESENTABLE = Long.MIN_VALUE;

    /** Most chars {@link #write} writes: a sign, 19 digits and a point. */
    static final int MAX_LENGTH = 21;

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private PriceText() {
    }

    /**
     * A JSON number ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) as fixed point with
     * {@link Prices#DECIMALS} places, exactly: "187.25" → 18725000000, "1.5e2" → 15000000000.
     * Zeros beyond the places are fine; a non-zero digit beyond them, or a value beyond 64 bits,
     * gives {@link #NOT_REPRESENTABLE}.
     */
    static long parse(char[] text, int from, int to) {
        boolean negative = text[from] == '-';
        int i = negative ? from + 1 : from;
        long mantissa = 0;
        int fractionDigits = 0;
        int pendingZeros = 0; // zeros after the last non-zero digit: multiplied in only if another digit follows
        boolean fraction = false;
        for (; i < to && text[i] != 'e' && text[i] != 'E'; i++) {
            char c = text[i];
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (fraction) {
                fractionDigits++;
            }
            if (c == '0') {
                pendingZeros += mantissa == 0 ? 0 : 1;
                continue;
            }
            for (; pendingZeros > 0; pendingZeros--) {
                if (mantissa > Long.MAX_VALUE / 10) {
                    return NOT_REPRESENTABLE;
                }
                mantissa *= 10;
            }
            int digit = c - '0';
            if (mantissa > (Long.MAX_VALUE - digit) / 10) {
                return NOT_REPRESENTABLE;
            }
            mantissa = mantissa * 10 + digit;
        }
        if (mantissa == 0) {
            return 0;
        }
        long exponent = i < to ? exponent(text, i + 1, to) : 0;
        long scale = Prices.DECIMALS + exponent - fractionDigits + pendingZeros;
        long value = scaled(mantissa, scale);
        return value == NOT_REPRESENTABLE || !negative ? value : -value;
    }

    /** The exponent's value, saturated far beyond any scale a long can take. */
    private static long exponent(char[] text, int from, int to) {
        boolean negative = text[from] == '-';
        int i = text[from] == '-' || text[from] == '+' ? from + 1 : from;
        long exponent = 0;
        for (; i < to && exponent < 10_000; i++) {
            exponent = exponent * 10 + (text[i] - '0');
        }
        return negative ? -exponent : exponent;
    }

    private static long scaled(long mantissa, long scale) {
        if (scale > 18 || scale < -18) {
            return NOT_REPRESENTABLE;
        }
        long power = POWERS_OF_TEN[(int) Math.abs(scale)];
        if (scale >= 0) {
            return mantissa > Long.MAX_VALUE / power ? NOT_REPRESENTABLE : mantissa * power;
        }
        return mantissa % power != 0 ? NOT_REPRESENTABLE : mantissa / power;
    }

    /** Writes a fixed-point price as its shortest exact decimal at {@code at}: 18725000000 → "187.25"; returns the end. */
    static int write(long fixedPoint, char[] dst, int at) {
        long scale = Prices.SCALE;
        long whole = fixedPoint / scale;
        long fraction = fixedPoint % scale;
        if (fixedPoint < 0) {
            dst[at++] = '-';
            whole = -whole; // |Long.MIN_VALUE / SCALE| fits: only the full value does not
            fraction = -fraction;
        }
        at = writeDigits(whole, dst, at);
        if (fraction == 0) {
            return at;
        }
        int places = Prices.DECIMALS;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        dst[at++] = '.';
        for (int i = at + places - 1; i >= at; i--) {
            dst[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return at + places;
    }

    private static int writeDigits(long value, char[] dst, int at) {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }
}
