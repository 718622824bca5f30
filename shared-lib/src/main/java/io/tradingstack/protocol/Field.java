package io.tradingstack.protocol;

import java.util.Arrays;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/** Every field name the protocol knows. */
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

    /** Fields by name length, so that a name is compared only with the few of its own length. */
    private static final Field[][] BY_LENGTH = byLength();

    final String wireName;
    /** The name with its quoted UTF-8 bytes computed once, so that the generator writes it as a copy. */
    final SerializableString serialized;

    Field(String wireName) {
        this.wireName = wireName;
        this.serialized = new SerializedString(wireName);
    }

    /**
     * The field of a name as the parser reports it, or null for a field we ignore. The parser
     * hands out the same canonical {@code String} for a name it has seen before; this compares
     * it with at most four names, without hashing or allocating.
     */
    static Field byName(String name) {
        int length = name.length();
        if (length >= BY_LENGTH.length) {
            return null;
        }
        for (Field field : BY_LENGTH[length]) {
            if (field.wireName.equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static Field[][] byLength() {
        int longest = Arrays.stream(VALUES).mapToInt(field -> field.wireName.length()).max().orElse(0);
        Field[][] table = new Field[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int wanted = length;
            table[length] = Arrays.stream(VALUES).filter(field -> field.wireName.length() == wanted).toArray(Field[]::new);
        }
        return table;
    }
}
