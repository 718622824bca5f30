package io.tradingstack.gateway.feed;

import java.util.ArrayList;

/**
 * The frames one send carries. Reused by its sender from batch to batch. A batch of one frame
 * is sent as the frame's own array; a larger batch is joined into one array, because the
 * connection flushes once per payload (smart batching).
 */
final class FrameBatch {

    private final ArrayList<FeedFrame> frames = new ArrayList<>();
    private long bytes;

    void add(FeedFrame frame) {
        frames.add(frame);
        bytes += frame.length();
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return frames.size();
    }

    long bytes() {
        return bytes;
    }

    /** The last data sequence in the batch, or {@code previous} when it carries no data. */
    long lastDataSeq(long previous) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            FeedFrame frame = frames.get(i);
            if (frame.isData()) {
                return frame.seq();
            }
        }
        return previous;
    }

    /** The whole batch as one array of whole frames, in order. */
    byte[] payload() {
        if (frames.size() == 1) {
            return frames.get(0).bytes();
        }
        byte[] joined = new byte[Math.toIntExact(bytes)];
        int offset = 0;
        for (int i = 0, n = frames.size(); i < n; i++) {
            byte[] frame = frames.get(i).bytes();
            System.arraycopy(frame, 0, joined, offset, frame.length);
            offset += frame.length;
        }
        return joined;
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }
}
