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

    static boolean isSymbolAscii(byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            // Bytes ≥ 0x80 are negative, so also refused here; the scanner already refused raw quotes.
            if (src[i] <= ' ' || src[i] == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static boolean isPrintableAscii(byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src[i] < ' ' || src[i] == 0x7F) {
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
