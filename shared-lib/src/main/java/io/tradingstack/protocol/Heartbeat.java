package io.tradingstack.protocol;

/**
 * {@code heartbeat}: gateway → subscribers after 1 s without a frame on the connection.
 *
 * @param seq the last data sequence sent on this connection, 0 if none
 */
public record Heartbeat(long session, long seq, long ts) implements Message {
    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
