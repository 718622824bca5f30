package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole input read as the protocol defines framing, without a reader: a 4-byte big-endian
 * length, 1 to the maximum, then that many bytes of payload, until the input ends between
 * frames, inside one, or at a header that declares 0, a negative length or more than the
 * maximum. The fuzz test's reference for what a frame reader must hand on.
 */
final class WireFrames {

    /**
     * One thing a reader must hand on.
     *
     * @param decoded the payload as the codec decodes it alone, or the framing failure, whose
     *                reason alone is compared (its detail is the reader's wording)
     * @param start   where its header starts
     * @param readyAt how many bytes of the input must have arrived for a reader to know it whole;
     *                {@code Integer.MAX_VALUE} for a frame the input ends inside (known at the end)
     * @param framing whether it is a framing failure, after which nothing more is read
     */
    private record Expected(Decoded decoded, int start, int readyAt, boolean framing) {

        static Expected refused(DecodeFailure reason, int start, int readyAt) {
            return new Expected(DecodeError.of(reason, ""), start, readyAt, true);
        }
    }

    private final List<Expected> frames = new ArrayList<>();
    private final int end;

    WireFrames(byte[] wire, MessageCodec codec) {
        int at = 0;
        while (at < wire.length) {
            if (wire.length - at < Framing.HEADER_LENGTH) {
                frames.add(Expected.refused(DecodeFailure.TRUNCATED_FRAME, at, Integer.MAX_VALUE));
                break;
            }
            int length = ((wire[at] & 0xFF) << 24) | ((wire[at + 1] & 0xFF) << 16) | ((wire[at + 2] & 0xFF) << 8)
                    | (wire[at + 3] & 0xFF);
            DecodeFailure refused = length == 0 ? DecodeFailure.EMPTY_FRAME
                    : length < 0 ? DecodeFailure.NEGATIVE_LENGTH
                    : length > codec.maxFrameLength() ? DecodeFailure.FRAME_TOO_LARGE : null;
            if (refused != null) {
                frames.add(Expected.refused(refused, at, at + Framing.HEADER_LENGTH));
                break;
            }
            int payload = at + Framing.HEADER_LENGTH;
            if (wire.length - payload < length) {
                frames.add(Expected.refused(DecodeFailure.TRUNCATED_FRAME, at, Integer.MAX_VALUE));
                break;
            }
            frames.add(new Expected(codec.decode(wire, payload, length), at, payload + length, false));
            at = payload + length;
        }
        this.end = at;
    }

    /** Frames to hand on, the framing failure that ends the input included. */
    int size() {
        return frames.size();
    }

    /** Where frame {@code index} starts; for {@code index == size()}, the end of the last whole frame. */
    int start(int index) {
        return index < frames.size() ? frames.get(index).start() : end;
    }

    /** The input bytes that must have arrived for frame {@code index} to be known; past the last, never. */
    int readyAt(int index) {
        return index < frames.size() ? frames.get(index).readyAt() : Integer.MAX_VALUE;
    }

    /** Whether frame {@code index} is a framing failure: nothing after it is read. */
    boolean endsStream(int index) {
        return frames.get(index).framing();
    }

    void assertMatches(int index, Decoded handedOn) {
        Expected expected = frames.get(index);
        if (expected.framing()) {
            assertThat(handedOn).as("frame %d", index).isInstanceOf(DecodeError.class);
            assertThat(((DecodeError) handedOn).reason()).as("frame %d", index)
                    .isEqualTo(((DecodeError) expected.decoded()).reason());
        } else {
            assertThat(handedOn).as("frame %d", index).isEqualTo(expected.decoded());
        }
    }
}
