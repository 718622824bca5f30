package io.tradingstack.protocol;

import java.util.Arrays;

/**
 * Interns short ASCII strings that repeat on every message (symbols, strategy ids), so that
 * decoding a price tick allocates the record and nothing else.
 *
 * <p>Open addressing over a fixed table; once it is half full, new strings are returned
 * without being cached, so a peer that sends endless distinct symbols cannot grow it.
 * Not thread-safe: one per decoder.
 */
final class SymbolCache {

    private static final int CAPACITY = 512;
    private static final int MAX_ENTRIES = CAPACITY / 2;
    private static final int MAX_KEY_LENGTH = 64;

    private final char[][] keys = new char[CAPACITY][];
    private final String[] values = new String[CAPACITY];
    private int size;

    /** The string of ASCII chars {@code src[from, to)}, shared with earlier calls when cached. */
    String intern(char[] src, int from, int to) {
        int length = to - from;
        if (length > MAX_KEY_LENGTH) {
            return new String(src, from, length);
        }
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ src[i]) * 0x01000193;
        }
        int mask = CAPACITY - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (true) {
            char[] key = keys[slot];
            if (key == null) {
                String value = new String(src, from, length);
                if (size < MAX_ENTRIES) {
                    keys[slot] = Arrays.copyOfRange(src, from, to);
                    values[slot] = value;
                    size++;
                }
                return value;
            }
            if (key.length == length && Arrays.equals(key, 0, length, src, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }
}
