package io.tradingstack.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one connection's stream in large reads and decodes every complete frame each read
 * brought in (receive batching): one system call and one hand-off for as many frames as the
 * socket buffer held, where a frame-at-a-time reader pays two reads per frame.
 *
 * <p>It blocks only when no complete frame is in hand. The buffer starts at 64 KiB and grows to
 * the largest frame seen; it never grows beyond header + maximum: a header that declares more is
 * refused before anything is allocated for it. A refused header or an end of stream inside a frame ends
 * the batch with its {@link DecodeError}; the position after it is unknown, so later calls
 * only drain the stream until it ends (the caller is closing the connection).
 *
 * <p>Not thread-safe: one reader per connection, used by its reading thread.
 */
public final class FrameBatchReader {

    static final int INITIAL_BUFFER = 64 * 1024;

    private final MessageCodec codec;
    private final InputStream in;
    private byte[] buffer;
    private int start;
    private int end;
    private boolean broken;

    public FrameBatchReader(InputStream in, MessageCodec codec) {
        this(in, codec, INITIAL_BUFFER);
    }

    /** With another first buffer: tests make it grow with frames of a few bytes. */
    FrameBatchReader(InputStream in, MessageCodec codec, int initialBuffer) {
        if (initialBuffer < Framing.HEADER_LENGTH) {
            throw new IllegalArgumentException("initialBuffer=" + initialBuffer + ", min=" + Framing.HEADER_LENGTH);
        }
        this.in = in;
        this.codec = codec;
        this.buffer = new byte[initialBuffer];
    }

    /** The stream this reader reads. */
    public InputStream stream() {
        return in;
    }

    /**
     * The frames in hand, reading (and blocking) only when there is none; null when the stream
     * ended cleanly between frames.
     *
     * @throws IOException when the stream fails (reset, timeout), which is not a decode error
     */
    public DecodedFrames read() throws IOException {
        if (broken) {
            drain();
            return null;
        }
        List<Decoded> frames = new ArrayList<>();
        while (true) {
            decodeWhole(frames);
            if (!frames.isEmpty()) {
                return new DecodedFrames(frames);
            }
            int n = fill();
            if (n < 0) {
                if (start == end) {
                    return null;
                }
                frames.add(truncated());
                broken = true;
                return new DecodedFrames(frames);
            }
        }
    }

    /** Decodes the complete frames between start and end; stops at a refused header. */
    private void decodeWhole(List<Decoded> frames) {
        while (end - start >= Framing.HEADER_LENGTH) {
            int length = Framing.readLength(buffer, start);
            DecodeError refused = Framing.checkLength(length, codec.maxFrameLength());
            if (refused != null) {
                frames.add(refused);
                broken = true;
                start = end;
                return;
            }
            if (end - start - Framing.HEADER_LENGTH < length) {
                return;
            }
            frames.add(codec.decode(buffer, start + Framing.HEADER_LENGTH, length));
            start += Framing.HEADER_LENGTH + length;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** One read into the free space, after making room for the frame in hand; -1 at end of stream. */
    private int fill() throws IOException {
        makeRoom();
        if (in instanceof FrameInput frameInput) {
            if (start == end) {
                frameInput.awaitingFrame();
            } else {
                frameInput.insideFrame();
            }
        }
        int n;
        try {
            n = in.read(buffer, end, buffer.length - end);
        } catch (EOFException e) {
            n = -1;
        }
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /**
     * Moves the partial frame (all that is left once the whole ones are decoded) to the front,
     * and grows the buffer when that frame cannot fit.
     */
    private void makeRoom() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int needed = end >= Framing.HEADER_LENGTH
                ? Framing.HEADER_LENGTH + Framing.readLength(buffer, 0) // a length decodeWhole accepted
                : Framing.HEADER_LENGTH;
        if (buffer.length < needed) {
            long doubled = Math.min(2L * buffer.length, Framing.HEADER_LENGTH + (long) codec.maxFrameLength());
            byte[] larger = new byte[(int) Math.max(needed, doubled)];
            System.arraycopy(buffer, 0, larger, 0, end);
            buffer = larger;
        }
    }

    private DecodeError truncated() {
        int have = end - start;
        if (have < Framing.HEADER_LENGTH) {
            return DecodeError.of(DecodeFailure.TRUNCATED_FRAME, "stream ended after " + have + " bytes of a frame header");
        }
        return DecodeError.of(DecodeFailure.TRUNCATED_FRAME, "stream ended after " + (have - Framing.HEADER_LENGTH)
                + " of the " + Framing.readLength(buffer, start) + " bytes the frame header declares");
    }

    /**
     * After a framing error: discard what arrives until the stream ends or the connection is
     * closed. An EOFException is the end here too, as in {@link #fill()}, so that the call after
     * a refused frame returns null whichever way the stream says it ended.
     */
    private void drain() throws IOException {
        if (in instanceof FrameInput frameInput) {
            frameInput.awaitingFrame();
        }
        try {
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // discarded: there is no frame boundary to resynchronise on
            }
        } catch (EOFException e) {
            // the end of the stream
        }
    }
}
