package io.tradingstack.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a blocking stream one at a time, for clients that take one message per
 * call (test clients, the driver's tap). The framing is the {@link FrameBatchReader}'s: it reads
 * the stream in bulk and this hands on the frames of each batch in turn.
 *
 * <p>A frame error leaves the stream at an unknown position, so after any protocol-violation
 * {@link DecodeError} the caller closes the connection.
 */
public final class FrameReader {

    private final FrameBatchReader frames;
    private DecodedFrames batch;
    private int next;

    public FrameReader(InputStream in, MessageCodec codec) {
        this.frames = new FrameBatchReader(in, codec);
    }

    /** With another first buffer, as {@link FrameBatchReader}'s: tests that make many readers keep them small. */
    FrameReader(InputStream in, MessageCodec codec, int initialBuffer) {
        this.frames = new FrameBatchReader(in, codec, initialBuffer);
    }

    /**
     * The next message or decode error; null when the stream ended cleanly between frames.
     * An end of stream inside a frame is a {@link DecodeFailure#TRUNCATED_FRAME} error.
     *
     * @throws IOException when the stream fails (reset, timeout), which is not a decode error
     */
    public Decoded read() throws IOException {
        if (batch == null || next == batch.size()) {
            batch = frames.read();
            next = 0;
            if (batch == null) {
                return null;
            }
        }
        return batch.get(next++);
    }
}
