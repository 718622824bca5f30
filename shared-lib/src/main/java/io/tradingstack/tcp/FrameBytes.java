package io.tradingstack.tcp;

import java.util.Objects;

/**
 * Whole frames, encoded, in the first {@code length} bytes of {@code array}: a replay ring's
 * stored frames or a burst of pending ticks, which {@link FrameSerializer} writes as they are,
 * so that they leave with the connection's one flush per payload (smart batching). The array
 * may be a sender's reused buffer: it is copied out before the send returns.
 */
public record FrameBytes(byte[] array, int length) {

    public FrameBytes {
        Objects.requireNonNull(array, "array");
        if (length < 0 || length > array.length) {
            throw new IllegalArgumentException("length=" + length + ", must be 0.." + array.length);
        }
    }

    /** All of {@code frames}. */
    public static FrameBytes of(byte[] frames) {
        return new FrameBytes(frames, frames.length);
    }
}
