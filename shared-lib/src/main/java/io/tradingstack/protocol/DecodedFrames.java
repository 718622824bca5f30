package io.tradingstack.protocol;

import java.util.Iterator;
import java.util.List;

/**
 * The frames one read of a connection brought in, decoded and in wire order: the payload a
 * {@link FrameDeserializer} hands to Spring Integration. Handing them on together means the
 * framework's message, the channel hand-off and any wake-up are paid once per batch, not once
 * per frame. A batch is never empty. When a frame's header is refused or the stream ends inside
 * a frame, that {@link DecodeError} is the batch's last element: the stream position after it is
 * unknown, so nothing more is read from that connection.
 */
public final class DecodedFrames implements Iterable<Decoded> {

    private final List<Decoded> frames;

    DecodedFrames(List<Decoded> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one frame");
        }
        this.frames = frames;
    }

    public int size() {
        return frames.size();
    }

    public Decoded get(int index) {
        return frames.get(index);
    }

    @Override
    public Iterator<Decoded> iterator() {
        return frames.iterator();
    }

    @Override
    public String toString() {
        return frames.size() == 1 ? "1 frame: " + frames.get(0) : frames.size() + " frames, first " + frames.get(0);
    }
}
