package io.tradingstack.protocol;

import java.util.Arrays;

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
    CANCEL("cancel"),
    ERROR("error");

    private static final MessageType[] VALUES = values();

    private final String wireName;
    private final char[] wireChars;

    MessageType(String wireName) {
        this.wireName = wireName;
        this.wireChars = wireName.toCharArray();
    }

    public String wireName() {
        return wireName;
    }

    /** Matches the chars {@code src[from, to)} without allocating; null when no type matches. */
    static MessageType fromWire(char[] src, int from, int to) {
        for (MessageType type : VALUES) {
            if (Arrays.equals(type.wireChars, 0, type.wireChars.length, src, from, to)) {
                return type;
            }
        }
        return null;
    }
}
