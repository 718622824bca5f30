package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Turns the raw bytes of a JSON string (already checked by the scanner) into
 * text. Escapes are rare on this protocol, so the common case is one {@code new String}.
 */
final class JsonStrings {

    /** Returned when a {@code \\u} escape encodes half a surrogate pair on its own. */
    static final int LONE_SURROGATE = -2;

    private JsonStrings() {
    }

    /** Decodes {@code src[from, to)} (no quotes); null when an escape holds a lone surrogate. */
    static String decode(byte[] src, int from, int to, byte flags) {
        if ((flags & ScannedObject.ESCAPED) == 0) {
            // ISO-8859-1 of pure ASCII is a straight copy into a compact Latin-1 string.
            return (flags & ScannedObject.NON_ASCII) == 0
                    ? new String(src, from, to - from, StandardCharsets.ISO_8859_1)
                    : new String(src, from, to - from, StandardCharsets.UTF_8);
        }
        char[] chars = new char[to - from];
        int length = unescapeToChars(src, from, to, chars);
        return length < 0 ? null : new String(chars, 0, length);
    }

    /** Unescapes into UTF-16; the output is never longer than the input. Negative on a lone surrogate. */
    private static int unescapeToChars(byte[] src, int from, int to, char[] out) {
        int n = 0;
        int i = from;
        while (i < to) {
            int b = src[i] & 0xFF;
            if (b == '\\') {
                byte e = src[i + 1];
                if (e == 'u') {
                    char c = (char) hex4(src, i + 2);
                    i += 6;
                    if (Character.isHighSurrogate(c)) {
                        if (i + 6 > to || src[i] != '\\' || src[i + 1] != 'u'
                                || !Character.isLowSurrogate((char) hex4(src, i + 2))) {
                            return LONE_SURROGATE;
                        }
                        out[n++] = c;
                        c = (char) hex4(src, i + 2);
                        i += 6;
                    } else if (Character.isLowSurrogate(c)) {
                        return LONE_SURROGATE;
                    }
                    out[n++] = c;
                } else {
                    out[n++] = unescapeSimple(e);
                    i += 2;
                }
            } else if (b < 0x80) {
                out[n++] = (char) b;
                i++;
            } else {
                // Valid UTF-8 (the scanner checked it): decode one code point.
                int codePoint;
                int extra;
                if (b < 0xE0) {
                    codePoint = b & 0x1F;
                    extra = 1;
                } else if (b < 0xF0) {
                    codePoint = b & 0x0F;
                    extra = 2;
                } else {
                    codePoint = b & 0x07;
                    extra = 3;
                }
                for (int k = 1; k <= extra; k++) {
                    codePoint = (codePoint << 6) | (src[i + k] & 0x3F);
                }
                i += extra + 1;
                n += Character.toChars(codePoint, out, n);
            }
        }
        return n;
    }

    /**
     * Unescapes into UTF-8 bytes, for matching escaped field names. Returns the length, -1 when
     * {@code out} is too small, {@link #LONE_SURROGATE} on a lone surrogate.
     */
    static int unescapeToUtf8(byte[] src, int from, int to, byte[] out) {
        if (out.length < to - from) {
            return -1;
        }
        char[] chars = new char[to - from];
        int length = unescapeToChars(src, from, to, chars);
        if (length < 0) {
            return length;
        }
        byte[] utf8 = new String(chars, 0, length).getBytes(StandardCharsets.UTF_8);
        if (utf8.length > out.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return utf8.length;
    }

    private static char unescapeSimple(byte e) {
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) e; // '"', '\\' and '/'
        };
    }

    private static int hex4(byte[] src, int at) {
        return (JsonObjectScanner.hexValue(src[at]) << 12) | (JsonObjectScanner.hexValue(src[at + 1]) << 8)
                | (JsonObjectScanner.hexValue(src[at + 2]) << 4) | JsonObjectScanner.hexValue(src[at + 3]);
    }
}
