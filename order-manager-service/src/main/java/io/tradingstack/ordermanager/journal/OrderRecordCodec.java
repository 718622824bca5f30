package io.tradingstack.ordermanager.journal;

import io.tradingstack.ordermanager.halt.TradingState;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Order;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link OrderRecord} as a journal payload. The order and its execution are the wire
 * protocol's JSON, so the codec that every frame already passes is the one format to trust, and
 * a journal reads with {@code strings}:
 *
 * <pre>
 *  +---------+----------------+----------------+------------------+----------------------+
 *  | version | receivedTs     | order length   | order JSON       | execution JSON       |
 *  | 1 byte  | 8 bytes        | 4 bytes        | (order length)   | (the rest)           |
 *  +---------+----------------+----------------+------------------+----------------------+
 * </pre>
 *
 * Numbers big-endian. A version this build does not know is refused, not guessed at. A fence (a
 * {@code cancel} that found its order undecided) has the same layout with the cancel's JSON in
 * place of the order's; builds from before cancels refuse such a journal at that record.
 *
 * <p>The other kind of record reserves order ids: every id up to {@code upTo} may be handed out,
 * to an order or to a refusal that stores nothing (a strategy mismatch, values that do not decode,
 * a journal that failed). The engine writes one ahead of each block of ids it hands out, so a
 * restart, which continues above the highest id in the journal, never hands one out again:
 *
 * <pre>
 *  +-------------+----------+
 *  | RESERVATION | upTo     |
 *  | 1 byte (2)  | 8 bytes  |
 *  +-------------+----------+
 * </pre>
 *
 * Journals of earlier builds hold one such record per refused id, which reads the same way.
 *
 * <p>The third kind is a switch of the kill switch: trading halted or released, by whom, when and
 * why, as a JSON object ({@code {"halted":true,"by":"ops","ts":...,"reason":"..."}}); the last one
 * in the file is the state a restart comes up in:
 *
 * <pre>
 *  +---------------+----------------------+
 *  | TRADING_STATE | state JSON           |
 *  | 1 byte (3)    | (the rest)           |
 *  +---------------+----------------------+
 * </pre>
 *
 * <p>Not thread-safe: the engine encodes (under its lock), the start-up thread decodes, each with its own.
 */
final class OrderRecordCodec {

    static final byte VERSION = 1;
    /** The first byte of an order-id reservation record. */
    static final byte RESERVATION = 2;
    /** The first byte of a kill-switch record. */
    static final byte TRADING_STATE = 3;
    private static final int RESERVATION_LENGTH = 1 + Long.BYTES;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FIXED_LENGTH = 1 + Long.BYTES + Integer.BYTES;

    private final MessageCodec codec = new MessageCodec();
    private byte[] buffer = new byte[1024];

    /** Encodes into {@link #buffer()} from index 0; returns the length. */
    int encode(OrderRecord record) {
        int orderLength = codec.encode(record.request());
        ensureCapacity(FIXED_LENGTH + orderLength);
        System.arraycopy(codec.buffer(), 0, buffer, FIXED_LENGTH, orderLength);
        int executionLength = codec.encode(record.execution());
        int length = FIXED_LENGTH + orderLength + executionLength;
        ensureCapacity(length);
        System.arraycopy(codec.buffer(), 0, buffer, FIXED_LENGTH + orderLength, executionLength);
        buffer[0] = VERSION;
        putLong(buffer, 1, record.receivedTs());
        putInt(buffer, 1 + Long.BYTES, orderLength);
        return length;
    }

    /** Encodes a reservation of the order ids up to {@code upTo} into {@link #buffer()} from index 0; returns the length. */
    int encodeReservation(long upTo) {
        buffer[0] = RESERVATION;
        putLong(buffer, 1, upTo);
        return RESERVATION_LENGTH;
    }

    /** Encodes a switch of the kill switch into {@link #buffer()} from index 0; returns the length. */
    int encodeTradingState(TradingState state) {
        ObjectNode json = JSON.createObjectNode()
            .put("halted", state.halted())
            .put("by", state.by())
            .put("ts", state.ts())
            .put("reason", state.reason());
        byte[] bytes = JSON.writeValueAsBytes(json);
        ensureCapacity(1 + bytes.length);
        buffer[0] = TRADING_STATE;
        System.arraycopy(bytes, 0, buffer, 1, bytes.length);
        return 1 + bytes.length;
    }

    /** Whether a payload is a switch of the kill switch. */
    static boolean isTradingState(byte[] bytes, int offset, int length) {
        return length > 0 && bytes[offset] == TRADING_STATE;
    }

    /**
     * The state a kill-switch payload switched to.
     *
     * @throws IllegalArgumentException when it is no such record or its JSON lacks a field
     */
    static TradingState tradingState(byte[] bytes, int offset, int length) {
        if (!isTradingState(bytes, offset, length)) {
            throw new IllegalArgumentException("a kill-switch record starts with " + TRADING_STATE);
        }
        try {
            JsonNode json = JSON.readTree(new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8));
            for (String field : new String[] {"halted", "by", "ts", "reason"}) {
                if (!json.hasNonNull(field)) {
                    throw new IllegalArgumentException("a kill-switch record without " + field + ": " + json);
                }
            }
            return new TradingState(json.get("halted").asBoolean(), json.get("by").asString(), json.get("ts").asLong(),
                json.get("reason").asString());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a kill-switch record that is no JSON object: " + e.getOriginalMessage());
        }
    }

    /** Whether a payload is an order-id reservation rather than an order record. */
    static boolean isReservation(byte[] bytes, int offset, int length) {
        return length > 0 && bytes[offset] == RESERVATION;
    }

    /**
     * The highest order id a reservation payload reserves.
     *
     * @throws IllegalArgumentException when it is no reservation
     */
    static long reservedUpTo(byte[] bytes, int offset, int length) {
        if (length != RESERVATION_LENGTH || bytes[offset] != RESERVATION) {
            throw new IllegalArgumentException("an order-id reservation is " + RESERVATION_LENGTH + " bytes starting with "
                + RESERVATION + ", found " + length + " bytes starting with " + (length > 0 ? bytes[offset] : "nothing"));
        }
        return getLong(bytes, offset + 1);
    }

    /** The bytes of the last encode, valid until the next. */
    byte[] buffer() {
        return buffer;
    }

    /**
     * Decodes a payload.
     *
     * @throws IllegalArgumentException when it is no order record of a version this build reads
     */
    OrderRecord decode(byte[] bytes, int offset, int length) {
        if (length < FIXED_LENGTH) {
            throw new IllegalArgumentException("an order record of " + length + " bytes, at least " + FIXED_LENGTH + " expected");
        }
        if (bytes[offset] != VERSION) {
            throw new IllegalArgumentException("order record version " + bytes[offset] + ", this build reads " + VERSION);
        }
        long receivedTs = getLong(bytes, offset + 1);
        int orderLength = getInt(bytes, offset + 1 + Long.BYTES);
        int executionLength = length - FIXED_LENGTH - orderLength;
        if (orderLength <= 0 || executionLength <= 0) {
            throw new IllegalArgumentException("order length " + orderLength + " does not fit a record of " + length + " bytes");
        }
        Message request = decode(bytes, offset + FIXED_LENGTH, orderLength, Message.class);
        Execution execution = decode(bytes, offset + FIXED_LENGTH + orderLength, executionLength, Execution.class);
        OrderRecord record;
        if (request instanceof Order order) {
            record = new OrderRecord(order, execution, receivedTs);
        } else if (request instanceof Cancel cancel) {
            record = OrderRecord.fence(cancel, execution, receivedTs);
        } else {
            throw new IllegalArgumentException("an order record starts with an order or a cancel, found " + request.type());
        }
        String requested = record.isFence() ? record.fence().clientOrderId() : record.order().clientOrderId();
        if (!requested.equals(execution.clientOrderId())) {
            throw new IllegalArgumentException(request.type().wireName() + " clientOrderId=" + requested
                + " with an execution of clientOrderId=" + execution.clientOrderId());
        }
        return record;
    }

    private <T> T decode(byte[] bytes, int offset, int length, Class<T> type) {
        Decoded decoded = codec.decode(bytes, offset, length);
        if (!type.isInstance(decoded)) {
            throw new IllegalArgumentException("the " + type.getSimpleName().toLowerCase() + " does not decode: " + decoded);
        }
        return type.cast(decoded);
    }

    private void ensureCapacity(int length) {
        if (length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length, buffer.length * 2));
        }
    }

    private static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private static void putInt(byte[] bytes, int offset, int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[offset + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static long getLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | bytes[offset + i] & 0xFF;
        }
        return value;
    }

    private static int getInt(byte[] bytes, int offset) {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = value << 8 | bytes[offset + i] & 0xFF;
        }
        return value;
    }
}
