package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Every field name the protocol knows, matched against raw key bytes without allocating. */
enum Field {
    TYPE("type"),
    SESSION("session"),
    SEQ("seq"),
    SYMBOL("symbol"),
    BID("bid"),
    ASK("ask"),
    TS("ts"),
    SENTIMENT("sentiment"),
    HEADLINE("headline"),
    FROM_SEQ("fromSeq"),
    FIRST_SEQ("firstSeq"),
    STRATEGY_ID("strategyId"),
    TOKEN("token"),
    CLIENT_ORDER_ID("clientOrderId"),
    SIDE("side"),
    QUANTITY("quantity"),
    LIMIT_PRICE("limitPrice"),
    ORIGIN_TS("originTs"),
    ORDER_ID("orderId"),
    STATUS("status"),
    FILLED_QUANTITY("filledQuantity"),
    PRICE("price"),
    REASON("reason"),
    DETAIL("detail");

    static final Field[] VALUES = values();

    /** Fields by name length, so a key is compared only with names of its own length. */
    private static final Field[][] BY_LENGTH = byLength();

    final String wireName;
    final byte[] wireBytes;
    /** {@code ,"name":} as the encoder writes it before a value. */
    final byte[] prefix;

    Field(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
        this.prefix = (",\"" + wireName + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    private static final java.util.Map<String, Field> BY_NAME = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(f -> f.wireName, f -> f));

    /** The field of a decoded name, or null for a field we ignore. */
    static Field byName(String name) {
        return BY_NAME.get(name);
    }

    /** The field whose name is exactly {@code src[from, to)}, or null for a field we ignore. */
    static Field match(byte[] src, int from, int to) {
        int length = to - from;
        if (length < 0 || length >= BY_LENGTH.length) {
            return null;
        }
        for (Field field : BY_LENGTH[length]) {
            if (sameBytes(field.wireBytes, src, from, length)) {
                return field;
            }
        }
        return null;
    }

    /** A plain loop: names are a few bytes, too short for Arrays.equals' vectorized setup to pay off. */
    static boolean sameBytes(byte[] name, byte[] src, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (name[i] != src[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static Field[][] byLength() {
        int longest = 0;
        for (Field field : values()) {
            longest = Math.max(longest, field.wireBytes.length);
        }
        Field[][] table = new Field[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            final int wanted = length;
            table[length] = Arrays.stream(values()).filter(f -> f.wireBytes.length == wanted).toArray(Field[]::new);
        }
        return table;
    }
}
