package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;

/**
 * {@link Message} → compact UTF-8 JSON in a reusable buffer, {@code type} first, absent
 * optional fields left out (the codec writes no nulls). After warm-up, encoding allocates
 * nothing: numbers and prices are written digit by digit, field names are constant bytes.
 *
 * <p>The encoded bytes stay valid until the next call. Not thread-safe.
 */
public final class MessageEncoder {

    private static final byte[][] TYPE_PREFIX = new byte[MessageType.values().length][];

    static {
        for (MessageType type : MessageType.values()) {
            TYPE_PREFIX[type.ordinal()] = ("{\"type\":\"" + type.wireName() + "\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final int maxPayloadLength;
    private byte[] buffer;
    private int position;

    /** @param maxPayloadLength the largest payload the peer accepts; a larger message is a bug of the sender */
    public MessageEncoder(int maxPayloadLength) {
        Framing.checkMaxFrameLength(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
        this.buffer = new byte[Math.min(512, maxPayloadLength + Framing.HEADER_LENGTH)];
    }

    /** Encodes the payload at offset 0 of {@link #buffer()}; returns its length. */
    public int encode(Message message) {
        position = 0;
        writeMessage(message);
        checkLength(position);
        return position;
    }

    /** Encodes header and payload at offset 0 of {@link #buffer()}; returns the frame's length. */
    public int encodeFrame(Message message) {
        ensure(Framing.HEADER_LENGTH);
        position = Framing.HEADER_LENGTH;
        writeMessage(message);
        int payloadLength = position - Framing.HEADER_LENGTH;
        checkLength(payloadLength);
        Framing.writeLength(payloadLength, buffer, 0);
        return position;
    }

    /** The bytes written by the last call. */
    public byte[] buffer() {
        return buffer;
    }

    private void checkLength(int payloadLength) {
        if (payloadLength > maxPayloadLength) {
            throw new IllegalArgumentException("encoded " + payloadLength + " bytes, above maxFrameLength=" + maxPayloadLength
                    + " of the peer: shorten the message's text fields");
        }
    }

    private void writeMessage(Message message) {
        writeRaw(TYPE_PREFIX[message.type().ordinal()]);
        if (message instanceof PriceTick m) {
            writeLong(Field.SESSION, m.session());
            writeLong(Field.SEQ, m.seq());
            writeString(Field.SYMBOL, m.symbol());
            writePrice(Field.BID, m.bid());
            writePrice(Field.ASK, m.ask());
            writeLong(Field.TS, m.ts());
        } else if (message instanceof NewsTick m) {
            writeLong(Field.SESSION, m.session());
            writeLong(Field.SEQ, m.seq());
            writeString(Field.SYMBOL, m.symbol());
            writeLong(Field.SENTIMENT, m.sentiment());
            writeString(Field.HEADLINE, m.headline());
            writeLong(Field.TS, m.ts());
        } else if (message instanceof Heartbeat m) {
            writeLong(Field.SESSION, m.session());
            writeLong(Field.SEQ, m.seq());
            writeLong(Field.TS, m.ts());
        } else if (message instanceof ReplayRequest m) {
            writeLong(Field.FROM_SEQ, m.fromSeq());
            if (m.session() != ReplayRequest.NO_SESSION) {
                writeLong(Field.SESSION, m.session());
            }
        } else if (message instanceof Reset m) {
            writeLong(Field.SESSION, m.session());
            writeLong(Field.FIRST_SEQ, m.firstSeq());
        } else if (message instanceof Logon m) {
            writeString(Field.STRATEGY_ID, m.strategyId());
            writeOptionalString(Field.TOKEN, m.token());
        } else if (message instanceof Order m) {
            writeString(Field.CLIENT_ORDER_ID, m.clientOrderId());
            writeString(Field.STRATEGY_ID, m.strategyId());
            writeString(Field.SYMBOL, m.symbol());
            writeString(Field.SIDE, m.side().name());
            writeLong(Field.QUANTITY, m.quantity());
            if (m.limitPrice() != Prices.NONE) {
                writePrice(Field.LIMIT_PRICE, m.limitPrice());
            }
            if (m.originTs() != 0) {
                writeLong(Field.ORIGIN_TS, m.originTs());
            }
        } else if (message instanceof Execution m) {
            writeString(Field.CLIENT_ORDER_ID, m.clientOrderId());
            writeLong(Field.ORDER_ID, m.orderId());
            writeString(Field.STATUS, m.status().name());
            writeLong(Field.FILLED_QUANTITY, m.filledQuantity());
            if (m.price() != Prices.NONE) {
                writePrice(Field.PRICE, m.price());
            }
            writeOptionalString(Field.REASON, m.reason());
            writeLong(Field.TS, m.ts());
        } else if (message instanceof ErrorFrame m) {
            writeString(Field.REASON, m.reason());
            writeOptionalString(Field.DETAIL, m.detail());
        }
        ensure(1);
        buffer[position++] = '}';
    }

    private void writeLong(Field field, long value) {
        writeRaw(field.prefix);
        ensure(JsonNumbers.MAX_NUMBER_LENGTH);
        position = JsonNumbers.writeLong(value, buffer, position);
    }

    private void writePrice(Field field, long fixedPoint) {
        writeRaw(field.prefix);
        ensure(JsonNumbers.MAX_NUMBER_LENGTH + 1);
        position = JsonNumbers.writeFixedPoint(fixedPoint, Prices.DECIMALS, buffer, position);
    }

    private void writeOptionalString(Field field, String value) {
        if (value != null && !value.isEmpty()) {
            writeString(field, value);
        }
    }

    private void writeString(Field field, String value) {
        writeRaw(field.prefix);
        int length = value.length();
        // Worst case: every char a \\u00XX escape (6 bytes); a surrogate pair is 4 bytes for 2 chars.
        ensure(length * 6 + 2);
        byte[] out = buffer;
        int at = position;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out[at++] = '\\';
                }
                out[at++] = (byte) c;
            } else if (c < 0x20) {
                at = writeControl(c, out, at);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                int codePoint = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))
                        ? Character.toCodePoint(c, value.charAt(++i))
                        : 0xFFFD; // a lone surrogate has no UTF-8 form: the replacement character stands for it
                if (codePoint == 0xFFFD) {
                    at = writeThreeBytes(codePoint, out, at);
                } else {
                    out[at++] = (byte) (0xF0 | (codePoint >> 18));
                    out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    out[at++] = (byte) (0x80 | (codePoint & 0x3F));
                }
            } else {
                at = writeThreeBytes(c, out, at);
            }
        }
        out[at++] = '"';
        position = at;
    }

    private static int writeThreeBytes(int c, byte[] out, int at) {
        out[at] = (byte) (0xE0 | (c >> 12));
        out[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at + 2] = (byte) (0x80 | (c & 0x3F));
        return at + 3;
    }

    private static int writeControl(char c, byte[] out, int at) {
        out[at++] = '\\';
        switch (c) {
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void ensure(int more) {
        int needed = position + more;
        if (needed > buffer.length) {
            byte[] grown = new byte[Math.max(needed, buffer.length * 2)];
            System.arraycopy(buffer, 0, grown, 0, position);
            buffer = grown;
        }
    }
}
