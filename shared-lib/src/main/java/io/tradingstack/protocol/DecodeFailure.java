package io.tradingstack.protocol;

/**
 * Why a frame could not be decoded. The name is the stable code sent as {@code reason} in
 * an {@code error} frame and used as the {@code reason} tag of {@code trading.frames.invalid}.
 *
 * <p>Two stages, as the protocol separates them: a <em>protocol violation</em> (the frame or
 * its JSON is not a message of this protocol) closes the connection; a <em>value</em>
 * failure is a well-formed message whose content breaks a rule, which the order server
 * answers with a REJECTED execution and the connection stays open.
 */
public enum DecodeFailure {
    // framing
    /** The 4-byte header declared a length of 0. */
    EMPTY_FRAME(true),
    /** The 4-byte header, read as a signed int, was negative. */
    NEGATIVE_LENGTH(true),
    /** The header declared more than the configured maximum; the payload was never allocated. */
    FRAME_TOO_LARGE(true),
    /** The stream or buffer ended before the header or the declared payload was complete. */
    TRUNCATED_FRAME(true),
    /** A buffer held more bytes after the frame than the header declared. */
    FRAME_LENGTH_MISMATCH(true),

    // payload syntax
    /** The payload is not valid UTF-8. */
    INVALID_UTF8(true),
    /** The payload is not valid JSON (RFC 8259). */
    MALFORMED_JSON(true),
    /** The payload is valid JSON but not an object. */
    NOT_AN_OBJECT(true),
    /** The same known field appears twice in one object. */
    DUPLICATE_FIELD(true),

    // payload schema
    /** {@code type} names no message of this protocol. */
    UNKNOWN_TYPE(true),
    /** A required field is absent or null. */
    MISSING_FIELD(true),
    /** A field carries the wrong JSON type (a string for a number, a fraction for an integer…). */
    WRONG_FIELD_TYPE(true),

    // values
    /** A number outside its allowed range: a negative quantity, sentiment above 100, beyond 64 bits. */
    OUT_OF_RANGE(false),
    /** {@code side} is neither BUY nor SELL. */
    UNKNOWN_SIDE(false),
    /** {@code status} is neither FILLED nor REJECTED, or contradicts the other fields. */
    UNKNOWN_STATUS(false),
    /** {@code symbol} is empty, longer than 16 characters or not printable ASCII. */
    INVALID_SYMBOL(false),
    /** {@code clientOrderId} is not 1–64 printable ASCII characters. */
    INVALID_CLIENT_ORDER_ID(false),
    /** {@code strategyId} is not 1–64 printable ASCII characters. */
    INVALID_STRATEGY_ID(false);

    private final boolean protocolViolation;

    DecodeFailure(boolean protocolViolation) {
        this.protocolViolation = protocolViolation;
    }

    /** True when the frame breaks the protocol and its connection must be closed. */
    public boolean isProtocolViolation() {
        return protocolViolation;
    }
}
