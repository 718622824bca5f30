package io.tradingstack.gateway.feed;

/**
 * The last {@code capacity} frames of one feed, indexed by sequence, for replay. Frames are
 * stored encoded, so a replay copies references and encodes nothing.
 *
 * <p>Sequences are contiguous from 1, so the slot of {@code seq} is {@code (seq - 1) % capacity}
 * and the oldest held is {@code newest - capacity + 1}. Not thread-safe: the owning
 * {@link Feed} calls it under its lock.
 */
final class ReplayRing {

    private final FeedFrame[] slots;
    private long newestSeq;

    ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity=" + capacity + ", must be >= 1");
        }
        this.slots = new FeedFrame[capacity];
    }

    /** Appends the frame of the next sequence, overwriting the oldest when full. */
    void add(FeedFrame frame) {
        if (frame.seq() != newestSeq + 1) {
            throw new IllegalStateException("seq=" + frame.seq() + ", expected " + (newestSeq + 1));
        }
        slots[slot(frame.seq())] = frame;
        newestSeq = frame.seq();
    }

    boolean isEmpty() {
        return newestSeq == 0;
    }

    /** The newest sequence held, 0 when empty. */
    long newestSeq() {
        return newestSeq;
    }

    /** The oldest sequence held; meaningless when empty. */
    long oldestSeq() {
        return Math.max(1, newestSeq - slots.length + 1);
    }

    /** The frame of {@code seq}, which must be between {@link #oldestSeq()} and {@link #newestSeq()}. */
    FeedFrame get(long seq) {
        if (isEmpty() || seq < oldestSeq() || seq > newestSeq) {
            throw new IllegalArgumentException("seq=" + seq + ", ring holds " + (isEmpty() ? "nothing" : oldestSeq() + ".." + newestSeq));
        }
        return slots[slot(seq)];
    }

    int capacity() {
        return slots.length;
    }

    private int slot(long seq) {
        return (int) ((seq - 1) % slots.length);
    }
}
