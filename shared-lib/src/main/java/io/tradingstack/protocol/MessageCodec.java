package io.tradingstack.protocol;

import java.util.Arrays;

/**
 * The wire codec of one connection: frames and JSON in both directions, with the configured
 * maximum frame length, over one Jackson parser and one Jackson generator that live as long
 * as the codec. Decoding never throws; encoding throws only for a message too large for the
 * peer, which is a bug of the sender.
 *
 * <p>Not thread-safe: give each connection, or each thread, its own codec.
 */
public final class MessageCodec {

    private final int maxFrameLength;
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;

    public MessageCodec() {
        this(Framing.DEFAULT_MAX_FRAME_LENGTH);
    }

    public MessageCodec(int maxFrameLength) {
        this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
        this.decoder = new MessageDecoder();
        this.encoder = new MessageEncoder(maxFrameLength);
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Decodes a payload (no header). */
    public Decoded decode(byte[] payload, int offset, int length) {
        if (length > maxFrameLength) {
            return Framing.checkLength(length, maxFrameLength);
        }
        if (length == 0) {
            return Framing.checkLength(0, maxFrameLength);
        }
        return decoder.decode(payload, offset, length);
    }

    public Decoded decode(byte[] payload) {
        return decode(payload, 0, payload.length);
    }

    /** Decodes one whole frame, header included, that fills {@code src[offset, offset + length)} exactly. */
    public Decoded decodeFrame(byte[] src, int offset, int length) {
        if (length < Framing.HEADER_LENGTH) {
            return DecodeError.of(DecodeFailure.TRUNCATED_FRAME,
                    "frame of " + length + " bytes ends inside its " + Framing.HEADER_LENGTH + "-byte header");
        }
        int declared = Framing.readLength(src, offset);
        DecodeError refused = Framing.checkLength(declared, maxFrameLength);
        if (refused != null) {
            return refused;
        }
        int available = length - Framing.HEADER_LENGTH;
        if (available < declared) {
            return DecodeError.of(DecodeFailure.TRUNCATED_FRAME,
                    "frame header declares " + declared + " bytes, only " + available + " follow");
        }
        if (available > declared) {
            return DecodeError.of(DecodeFailure.FRAME_LENGTH_MISMATCH,
                    "frame header declares " + declared + " bytes, " + available + " follow");
        }
        return decoder.decode(src, offset + Framing.HEADER_LENGTH, declared);
    }

    public Decoded decodeFrame(byte[] frame) {
        return decodeFrame(frame, 0, frame.length);
    }

    /** Encodes a payload (no header) into {@link #buffer()} at offset 0; returns its length. */
    public int encode(Message message) {
        return encoder.encode(message);
    }

    /** Encodes a whole frame into {@link #buffer()} at offset 0; returns its length. */
    public int encodeFrame(Message message) {
        return encoder.encodeFrame(message);
    }

    /** The bytes of the last encode, valid until the next. */
    public byte[] buffer() {
        return encoder.buffer();
    }

    /** A fresh copy of the message's frame, for cold paths and tests. */
    public byte[] toFrame(Message message) {
        int length = encoder.encodeFrame(message); // first: encoding may replace the buffer
        return Arrays.copyOf(encoder.buffer(), length);
    }

    /** A fresh copy of the message's JSON payload, for cold paths and tests. */
    public byte[] toPayload(Message message) {
        int length = encoder.encode(message);
        return Arrays.copyOf(encoder.buffer(), length);
    }
}
