package io.tradingstack.protocol;

/**
 * {@code error}: any server → client, sent before closing a connection for a protocol violation.
 *
 * @param reason stable code, such as {@code MALFORMED_JSON} or {@code NO_REPLAY}
 * @param detail context for a human, "" when absent (an optional field beyond the protocol's
 *               {@code reason}; clients ignore fields they do not know)
 */
public record ErrorFrame(String reason, String detail) implements Message {

    public ErrorFrame(String reason) {
        this(reason, "");
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
