package io.tradingstack.gateway.feed;

import io.tradingstack.tcp.FrameBytes;
import java.util.ArrayList;

/**
 * The frames one send carries. Reused by its sender from batch to batch. A batch of one frame
 * is sent as the frame's own array; a larger batch is joined into one array, because the
 * connection flushes once per payload (smart batching). That array is the batch's own and
 * reused from send to send, as large as the largest batch so far (at most about
 * {@code max-batch-bytes}): a fresh array per burst was 15 % of what the gateway allocated in a
 * profiled latency run, start-up included.
 */
final class FrameBatch {

    private final ArrayList<FeedFrame> frames = new ArrayList<>();
    private long bytes;
    private byte[] joined = new byte[0];

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

    /**
     * The whole batch as whole frames, in order; valid until the batch changes (the send copies
     * them out before it returns).
     */
    FrameBytes payload() {
        if (frames.size() == 1) {
            return FrameBytes.of(frames.get(0).bytes());
        }
        int length = Math.toIntExact(bytes);
        if (joined.length < length) {
            joined = new byte[length];
        }
        int offset = 0;
        for (int i = 0, n = frames.size(); i < n; i++) {
            byte[] frame = frames.get(i).bytes();
            System.arraycopy(frame, 0, joined, offset, frame.length);
            offset += frame.length;
        }
        return new FrameBytes(joined, length);
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }
}
