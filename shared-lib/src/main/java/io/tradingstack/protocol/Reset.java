package io.tradingstack.protocol;

/**
 * {@code reset}: what the subscriber asked for cannot be served; data follows from {@code firstSeq}.
 */
public record Reset(long session, long firstSeq) implements Message {
    @Override
    public MessageType type() {
        return MessageType.RESET;
    }
}
