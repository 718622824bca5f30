package io.tradingstack.protocol;

/**
 * {@link Message} → UTF-8 JSON in a reusable buffer, {@code type} first, absent optional
 * fields left out (the codec writes no nulls). Which fields each type writes is said here
 * once; Jackson's generator writes the JSON ({@link PayloadWriter}).
 *
 * <p>The encoded bytes stay valid until the next call. Not thread-safe.
 */
public final class MessageEncoder {

    private final int maxPayloadLength;
    private final PayloadWriter out = new PayloadWriter();

    /** @param maxPayloadLength the largest payload the peer accepts; a larger message is a bug of the sender */
    public MessageEncoder(int maxPayloadLength) {
        Framing.checkMaxFrameLength(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
    }

    /** Encodes the payload at offset 0 of {@link #buffer()}; returns its length. */
    public int encode(Message message) {
        int length = writeMessage(message, 0);
        checkLength(length);
        return length;
    }

    /** Encodes header and payload at offset 0 of {@link #buffer()}; returns the frame's length. */
    public int encodeFrame(Message message) {
        int end = writeMessage(message, Framing.HEADER_LENGTH);
        int payloadLength = end - Framing.HEADER_LENGTH;
        checkLength(payloadLength);
        Framing.writeLength(payloadLength, out.buffer(), 0);
        return end;
    }

    /** The bytes written by the last call. */
    public byte[] buffer() {
        return out.buffer();
    }

    private void checkLength(int payloadLength) {
        if (payloadLength > maxPayloadLength) {
            throw new IllegalArgumentException("encoded " + payloadLength + " bytes, above maxFrameLength=" + maxPayloadLength
                    + " of the peer: shorten the message's text fields");
        }
    }

    /** Writes the payload from {@code offset}; returns where it ends. */
    private int writeMessage(Message message, int offset) {
        try {
            out.begin(message.type(), offset);
            writeFields(message);
            return out.end();
        } catch (RuntimeException e) {
            out.reset(); // the generator stopped inside the object: the next message needs a fresh one
            throw e;
        }
    }

    private void writeFields(Message message) {
        if (message instanceof PriceTick m) {
            out.number(Field.SESSION, m.session());
            out.number(Field.SEQ, m.seq());
            out.string(Field.SYMBOL, m.symbol());
            out.price(Field.BID, m.bid());
            out.price(Field.ASK, m.ask());
            out.number(Field.TS, m.ts());
        } else if (message instanceof NewsTick m) {
            out.number(Field.SESSION, m.session());
            out.number(Field.SEQ, m.seq());
            out.string(Field.SYMBOL, m.symbol());
            out.number(Field.SENTIMENT, m.sentiment());
            out.string(Field.HEADLINE, m.headline());
            out.number(Field.TS, m.ts());
        } else if (message instanceof Heartbeat m) {
            out.number(Field.SESSION, m.session());
            out.number(Field.SEQ, m.seq());
            out.number(Field.TS, m.ts());
        } else if (message instanceof ReplayRequest m) {
            out.number(Field.FROM_SEQ, m.fromSeq());
            if (m.session() != ReplayRequest.NO_SESSION) {
                out.number(Field.SESSION, m.session());
            }
        } else if (message instanceof Reset m) {
            out.number(Field.SESSION, m.session());
            out.number(Field.FIRST_SEQ, m.firstSeq());
        } else if (message instanceof Logon m) {
            out.string(Field.STRATEGY_ID, m.strategyId());
            optionalString(Field.TOKEN, m.token());
        } else if (message instanceof Order m) {
            out.string(Field.CLIENT_ORDER_ID, m.clientOrderId());
            out.string(Field.STRATEGY_ID, m.strategyId());
            out.string(Field.SYMBOL, m.symbol());
            out.string(Field.SIDE, m.side().name());
            out.number(Field.QUANTITY, m.quantity());
            if (m.limitPrice() != Prices.NONE) {
                out.price(Field.LIMIT_PRICE, m.limitPrice());
            }
            if (m.originTs() != 0) {
                out.number(Field.ORIGIN_TS, m.originTs());
            }
        } else if (message instanceof Execution m) {
            out.string(Field.CLIENT_ORDER_ID, m.clientOrderId());
            out.number(Field.ORDER_ID, m.orderId());
            out.string(Field.STATUS, m.status().name());
            out.number(Field.FILLED_QUANTITY, m.filledQuantity());
            if (m.price() != Prices.NONE) {
                out.price(Field.PRICE, m.price());
            }
            optionalString(Field.REASON, m.reason());
            out.number(Field.TS, m.ts());
        } else if (message instanceof Cancel m) {
            out.string(Field.CLIENT_ORDER_ID, m.clientOrderId());
            out.string(Field.STRATEGY_ID, m.strategyId());
        } else if (message instanceof ErrorFrame m) {
            out.string(Field.REASON, m.reason());
            optionalString(Field.DETAIL, m.detail());
        }
    }

    private void optionalString(Field field, String value) {
        if (value != null && !value.isEmpty()) {
            out.string(field, value);
        }
    }
}
