package io.tradingstack.protocol;

/** What a symbol and an identifier may contain on the wire and in the price book. */
public final class Symbols {

    /** Longest symbol: the price book keeps 16 ASCII bytes per slot. */
    public static final int MAX_LENGTH = 16;

    private Symbols() {
    }

    /** 1–16 printable ASCII characters: no space, no quote, no backslash (symbols never need escaping). */
    public static boolean isValid(String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@link #isValid} for the chars {@code src[from, to)}, as the decoder holds them. */
    static boolean isValid(char[] src, int from, int to) {
        if (to <= from || to - from > MAX_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = src[i];
            if (c <= ' ' || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    static boolean isPrintableAscii(char[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src[i] < ' ' || src[i] >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
