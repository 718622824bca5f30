package io.tradingstack.protocol;

/**
 * An input stream that wants to know, before each blocking read, whether a frame is in
 * progress: a server bounds the time a started frame may take to arrive whole (its read
 * timeout) while letting a connection idle between frames for as long as it likes.
 */
public interface FrameInput {

    /** The next read waits for the first byte of a new frame: no deadline. */
    void awaitingFrame();

    /**
     * Part of a frame is in hand and the rest is awaited: reads are bounded by the deadline of
     * that frame, which starts at the first such call after {@link #awaitingFrame()}.
     */
    void insideFrame();
}
