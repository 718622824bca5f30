package io.tradingstack.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 well-formedness by RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
 * Jackson's parser decodes UTF-8 only inside strings and lets overlong forms and code points
 * above U+10FFFF through, so {@link PayloadParser} checks each payload with this first.
 */
final class Utf8 {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TOP_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /**
     * Length of the well-formed sequence whose lead byte is at {@code at}, or -1 when the bytes
     * there are not one; ASCII is a sequence of 1.
     */
    private static int sequenceLength(byte[] src, int at, int limit) {
        int lead = src[at] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        int count;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return -1;
        }
        if (at + count >= limit) {
            return -1;
        }
        for (int i = 1; i <= count; i++) {
            int c = src[at + i] & 0xFF;
            if (c < (i == 1 ? secondMin : 0x80) || c > (i == 1 ? secondMax : 0xBF)) {
                return -1;
            }
        }
        return count + 1;
    }

    /** A description of the first ill-formed sequence in {@code src[from, to)}, or null when there is none. */
    static String firstError(byte[] src, int from, int to) {
        int i = skipAscii(src, from, to);
        while (i < to) {
            if (src[i] >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(src, i, to);
            if (length < 0) {
                return "ill-formed UTF-8 sequence starting with byte 0x" + Integer.toHexString(src[i] & 0xFF)
                        + " at offset " + (i - from);
            }
            i += length;
        }
        return null;
    }

    /** The index of the first byte at or after {@code from} that is not ASCII, or {@code to}: eight bytes a step, as payloads are mostly ASCII. */
    private static int skipAscii(byte[] src, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to && ((long) WORDS.get(src, i) & TOP_BITS) == 0) {
            i += Long.BYTES;
        }
        while (i < to && src[i] >= 0) {
            i++;
        }
        return i;
    }
}
