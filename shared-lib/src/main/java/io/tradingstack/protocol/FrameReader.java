package io.tradingstack.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a blocking stream and decodes them. The payload buffer grows to the
 * largest frame seen, never beyond the maximum: a header that declares more is refused
 * before anything is allocated for it.
 *
 * <p>A frame error leaves the stream at an unknown position, so after any protocol-violation
 * {@link DecodeError} the caller closes the connection.
 */
public final class FrameReader {

    private final InputStream in;
    private final MessageCodec codec;
    private final byte[] header = new byte[Framing.HEADER_LENGTH];
    private byte[] payload = new byte[256];

    /** A reader of one stream. */
    public FrameReader(InputStream in, MessageCodec codec) {
        this.in = in;
        this.codec = codec;
    }

    /** A reader that is handed its stream on each {@link #read(InputStream)}, as a deserializer is. */
    public FrameReader(MessageCodec codec) {
        this(null, codec);
    }

    /**
     * The next message or decode error; null when the stream ended cleanly between frames.
     * An end of stream inside a frame is a {@link DecodeFailure#TRUNCATED_FRAME} error.
     *
     * @throws IOException when the stream fails (reset, timeout), which is not a decode error
     */
    public Decoded read() throws IOException {
        return read(in);
    }

    /** As {@link #read()}, from the given stream. */
    public Decoded read(InputStream in) throws IOException {
        int got = readFully(in, header, Framing.HEADER_LENGTH);
        if (got == 0) {
            return null;
        }
        if (got < Framing.HEADER_LENGTH) {
            return DecodeError.of(DecodeFailure.TRUNCATED_FRAME, "stream ended after " + got + " bytes of a frame header");
        }
        int length = Framing.readLength(header, 0);
        DecodeError refused = Framing.checkLength(length, codec.maxFrameLength());
        if (refused != null) {
            return refused;
        }
        if (payload.length < length) {
            payload = new byte[(int) Math.min(codec.maxFrameLength(), Math.max(length, 2L * payload.length))];
        }
        got = readFully(in, payload, length);
        if (got < length) {
            return DecodeError.of(DecodeFailure.TRUNCATED_FRAME,
                    "stream ended after " + got + " of the " + length + " bytes the frame header declares");
        }
        return codec.decode(payload, 0, length);
    }

    /** Reads up to {@code length} bytes; fewer only at end of stream. */
    private static int readFully(InputStream in, byte[] into, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n;
            try {
                n = in.read(into, total, length - total);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                return total;
            }
            total += n;
        }
        return total;
    }
}
