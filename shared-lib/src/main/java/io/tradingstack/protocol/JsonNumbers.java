package io.tradingstack.protocol;

/**
 * Exact conversions between JSON number text and {@code long}s, without allocating and
 * without floating point: integers as they are, prices as fixed point.
 */
final class JsonNumbers {

    /** Returned by {@link #parseLong} when the integer does not fit in 64 bits. */
    static final long OVERFLOW = Long.MIN_VALUE;

    /** Returned by {@link #parseFixedPoint} when the number has too many decimals or is too large. */
    static final long NOT_REPRESENTABLE = Long.MIN_VALUE;

    private static final long[] POWERS_OF_TEN = new long[19];

    /** Below this, one more digit cannot overflow a long: the exact check is needed only above. */
    private static final long MANTISSA_CHECK_FROM = (Long.MAX_VALUE - 9) / 10;

    static {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private JsonNumbers() {
    }

    /** Parses a JSON integer already checked by the scanner ({@code -?(0|[1-9][0-9]*)}). */
    static long parseLong(byte[] src, int from, int to) {
        boolean negative = src[from] == '-';
        int i = negative ? from + 1 : from;
        if (to - i <= 18) {
            // 18 digits cannot overflow: no check per digit (a division per digit costs more than the parse).
            long value = 0;
            for (; i < to; i++) {
                value = value * 10 + (src[i] - '0');
            }
            return negative ? -value : value;
        }
        long value = 0;
        // Accumulate negatively: the negative range is one larger, so Long.MIN_VALUE parses too.
        for (; i < to; i++) {
            int digit = src[i] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return OVERFLOW;
            }
            value = value * 10 - digit;
        }
        if (negative) {
            return value;
        }
        return value == Long.MIN_VALUE ? OVERFLOW : -value;
    }

    /**
     * Parses any JSON number into fixed point with {@code decimals} places, exactly: 187.25 →
     * 18725000000 for 8 decimals, 1.5e2 → 15000000000. Trailing zeros beyond the places are
     * fine; a non-zero digit beyond them, or a value beyond 64 bits, gives {@link #NOT_REPRESENTABLE}.
     */
    static long parseFixedPoint(byte[] src, int from, int to, int decimals) {
        int i = from;
        boolean negative = src[i] == '-';
        if (negative) {
            i++;
        }
        // Mantissa digits, with the position of the decimal point and of the exponent.
        int mantissaEnd = i;
        while (mantissaEnd < to && src[mantissaEnd] != 'e' && src[mantissaEnd] != 'E') {
            mantissaEnd++;
        }
        int point = -1;
        for (int k = i; k < mantissaEnd; k++) {
            if (src[k] == '.') {
                point = k;
                break;
            }
        }
        long exponent = 0;
        if (mantissaEnd < to) {
            int k = mantissaEnd + 1;
            boolean negativeExponent = false;
            if (src[k] == '+' || src[k] == '-') {
                negativeExponent = src[k] == '-';
                k++;
            }
            for (; k < to; k++) {
                exponent = exponent * 10 + (src[k] - '0');
                if (exponent > 10_000) {
                    break; // saturate: any such exponent is out of range unless the mantissa is zero
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        // Drop trailing zeros of the fraction: they carry no value and would overflow the accumulator.
        int digitsEnd = mantissaEnd;
        if (point >= 0) {
            while (digitsEnd > point + 1 && src[digitsEnd - 1] == '0') {
                digitsEnd--;
            }
            if (digitsEnd == point + 1) {
                digitsEnd = point;
            }
        }
        int fractionDigits = point >= 0 && digitsEnd > point ? digitsEnd - point - 1 : 0;
        long mantissa = 0;
        for (int k = i; k < digitsEnd; k++) {
            byte b = src[k];
            if (b == '.') {
                continue;
            }
            int digit = b - '0';
            if (mantissa >= MANTISSA_CHECK_FROM && mantissa > (Long.MAX_VALUE - digit) / 10) {
                // Trailing zeros of the integer part can still be absorbed by a negative exponent.
                return absorbLongMantissa(src, i, digitsEnd, fractionDigits, exponent, decimals, negative);
            }
            mantissa = mantissa * 10 + digit;
        }
        if (mantissa == 0) {
            return 0;
        }
        long scale = decimals + exponent - fractionDigits;
        return scaled(mantissa, scale, negative);
    }

    private static long scaled(long mantissa, long scale, boolean negative) {
        long value = mantissa;
        if (scale >= 0) {
            if (scale > 18) {
                return NOT_REPRESENTABLE;
            }
            long power = POWERS_OF_TEN[(int) scale];
            if (value > Long.MAX_VALUE / power) {
                return NOT_REPRESENTABLE;
            }
            value *= power;
        } else {
            if (scale < -18) {
                return NOT_REPRESENTABLE;
            }
            long power = POWERS_OF_TEN[(int) -scale];
            if (value % power != 0) {
                return NOT_REPRESENTABLE;
            }
            value /= power;
        }
        return negative ? -value : value;
    }

    /** Rare path: more than 18 significant digits, representable only if the extra ones are zeros. */
    private static long absorbLongMantissa(byte[] src, int from, int to, int fractionDigits, long exponent,
                                           int decimals, boolean negative) {
        long mantissa = 0;
        int trailingZeros = 0;
        boolean started = false;
        for (int k = from; k < to; k++) {
            byte b = src[k];
            if (b == '.') {
                continue;
            }
            if (!started && b == '0') {
                continue;
            }
            started = true;
            if (b == '0') {
                trailingZeros++;
                continue;
            }
            // A non-zero digit: all zeros seen since the last one become part of the mantissa.
            for (int z = 0; z < trailingZeros; z++) {
                if (mantissa > Long.MAX_VALUE / 10) {
                    return NOT_REPRESENTABLE;
                }
                mantissa *= 10;
            }
            trailingZeros = 0;
            int digit = b - '0';
            if (mantissa > (Long.MAX_VALUE - digit) / 10) {
                return NOT_REPRESENTABLE;
            }
            mantissa = mantissa * 10 + digit;
        }
        return scaled(mantissa, decimals + exponent - fractionDigits + trailingZeros, negative);
    }

    /** Writes a long in decimal at {@code at}; returns the position after the last digit. */
    static int writeLong(long value, byte[] dst, int at) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = {'-', '9', '2', '2', '3', '3', '7', '2', '0', '3', '6', '8', '5', '4', '7', '7', '5', '8', '0', '8'};
                System.arraycopy(min, 0, dst, at, min.length);
                return at + min.length;
            }
            dst[at++] = '-';
            value = -value;
        }
        int digits = digitCount(value);
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** Writes fixed point as the shortest exact decimal: 18725000000 with 8 decimals → "187.25". */
    static int writeFixedPoint(long value, int decimals, byte[] dst, int at) {
        long scale = POWERS_OF_TEN[decimals];
        if (value < 0) {
            dst[at++] = '-';
            if (value == Long.MIN_VALUE) {
                // |MIN_VALUE| does not fit: write the integer part from the negative remainder.
                at = writeLong(-(value / scale), dst, at);
                return writeFraction(-(value % scale), decimals, dst, at);
            }
            value = -value;
        }
        at = writeLong(value / scale, dst, at);
        return writeFraction(value % scale, decimals, dst, at);
    }

    private static int writeFraction(long fraction, int decimals, byte[] dst, int at) {
        if (fraction == 0) {
            return at;
        }
        int places = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        dst[at++] = '.';
        for (int i = at + places - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return at + places;
    }

    /** Most bytes {@link #writeLong} or {@link #writeFixedPoint} can write. */
    static final int MAX_NUMBER_LENGTH = 21;

    private static int digitCount(long value) {
        int digits = 1;
        while (digits < 19 && value >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        return digits;
    }
}
