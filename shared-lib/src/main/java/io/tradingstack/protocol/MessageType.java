package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;

/** The {@code type} of each message, with its exact spelling on the wire. */
public enum MessageType {
    PRICE("price"),
    NEWS("news"),
    HEARTBEAT("heartbeat"),
    REPLAY("replay"),
    RESET("reset"),
    LOGON("logon"),
    ORDER("order"),
    EXECUTION("execution"),
    ERROR("error");

    private static final MessageType[] VALUES = values();

    private final String wireName;
    private final byte[] wireBytes;

    MessageType(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    public String wireName() {
        return wireName;
    }

    byte[] wireBytes() {
        return wireBytes;
    }

    /** Matches raw (unescaped) ASCII bytes without allocating; null when no type matches. */
    static MessageType fromWire(byte[] src, int from, int to) {
        for (MessageType type : VALUES) {
            byte[] name = type.wireBytes;
            if (name.length == to - from && Field.sameBytes(name, src, from, name.length)) {
                return type;
            }
        }
        return null;
    }

    /** Matches a decoded string; null when no type matches. */
    static MessageType fromWire(String name) {
        for (MessageType type : VALUES) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
