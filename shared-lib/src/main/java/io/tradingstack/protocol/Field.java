package io.tradingstack.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

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

    private static final Map<String, Field> BY_NAME = Arrays.stream(VALUES)
            .collect(Collectors.toUnmodifiableMap(field -> field.wireName, field -> field));

    final String wireName;
    /** The name with its quoted UTF-8 bytes computed once, so that the generator writes it as a copy. */
    final SerializableString serialized;

    Field(String wireName) {
        this.wireName = wireName;
        this.serialized = new SerializedString(wireName);
    }

    /**
     * The field of a name as the parser reports it, or null for a field we ignore. The parser
     * hands out the same canonical {@code String} for a name it has seen before, so this is a
     * hash lookup on a cached hash code, without allocating.
     */
    static Field byName(String name) {
        return BY_NAME.get(name);
    }
}
