package io.tradingstack.protocol;

import java.util.Objects;

/**
 * A frame that did not decode, with the reason, the field concerned and a short detail for
 * the log and the {@code error} frame.
 *
 * @param reason        the stable code
 * @param type          the message type when it was known, else null
 * @param field         the wire name of the offending field, or "" when the frame as a whole is at fault
 * @param detail        human-readable context, such as {@code "sentiment=101, allowed 0..100"}
 * @param clientOrderId the order's {@code clientOrderId} when the frame was an {@code order} or a
 *                      {@code cancel} whose id could be read, so that a value failure can be answered with a
 *                      REJECTED execution; "" otherwise
 */
public record DecodeError(DecodeFailure reason, MessageType type, String field, String detail, String clientOrderId)
        implements Decoded {

    public DecodeError {
        Objects.requireNonNull(reason, "reason");
        field = field == null ? "" : field;
        detail = detail == null ? "" : detail;
        clientOrderId = clientOrderId == null ? "" : clientOrderId;
    }

    public static DecodeError of(DecodeFailure reason, String detail) {
        return new DecodeError(reason, null, "", detail, "");
    }

    public boolean isProtocolViolation() {
        return reason.isProtocolViolation();
    }

    /** The {@code error} frame a server sends before it closes the connection. */
    public ErrorFrame toErrorFrame() {
        return new ErrorFrame(reason.name(), detail);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(reason.name());
        if (type != null) {
            text.append(" type=").append(type.wireName());
        }
        if (!field.isEmpty()) {
            text.append(" field=").append(field);
        }
        if (!detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }
}
