package io.tradingstack.gateway.feed;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

import io.tradingstack.protocol.ErrorFrame;

/**
 * The frames waiting for one subscriber's sender, bounded in bytes. The publishing thread
 * offers (never waits); the subscriber's sender agent drains everything pending at once so that
 * a burst leaves with one flush.
 *
 * <p>An offer does not wake the sender: the publisher {@link #wake}s it once at the end of a
 * burst. A wake-up is a context switch for the sender and a system call for the publisher, the
 * largest cost per frame on a small machine, so a burst of ticks pays it once rather than once
 * per tick; and the wake costs only a volatile store and load while the sender is awake.
 *
 * <p>One writer at a time: whoever takes frames from the queue holds the <em>turn</em> until it
 * has written them ({@link #endTurn}), so frames leave in order and a heartbeat never overtakes
 * data. Usually that is the sender ({@link #tryTakeTurn}); on a feed whose publisher writes, the
 * publishing thread takes the turn itself when no one holds it ({@link #takeIdleTurn}), which
 * spares the wake-up of the sender on the way to the socket. Nobody waits for the turn: a sender
 * that finds it taken idles, and the holder wakes it when it ends its turn with frames left.
 *
 * <p>Passing the byte limit is an expected outcome, not an exception: {@link #offer} returns
 * false, the queue empties and closes, and the feed cuts the subscriber. Closing is final and
 * wakes the sender; a close may carry a farewell {@code error} frame that the sender writes last.
 */
final class OutboundQueue {

    /** What {@link #tryTakeTurn} found. */
    enum Turn {
        /** The caller holds the turn, with the pending frames (or none, for a heartbeat) in its batch. */
        TAKEN,
        /** Nothing to do now: nothing pending, or another writer holds the turn. */
        NONE,
        /** The queue is closed: the sender writes the farewell, if any, and ends. */
        CLOSED
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<FeedFrame> frames = new ArrayDeque<>();
    private final long byteLimit;
    private final Runnable wakeSender;

    // Guarded by lock.
    private long queuedBytes;
    private boolean closed;
    private ErrorFrame farewell;
    /** A batch taken from the queue is being written, by the sender or the publisher. */
    private boolean writing;

    /** @param wakeSender wakes the sender agent when there is work for it (its idle strategy's wake) */
    OutboundQueue(long byteLimit, Runnable wakeSender) {
        if (byteLimit < 1) {
            throw new IllegalArgumentException("byteLimit=" + byteLimit + ", must be >= 1");
        }
        this.byteLimit = byteLimit;
        this.wakeSender = wakeSender;
    }

    /**
     * Queues a frame. Returns false only when this frame takes the queue past its byte limit:
     * the queue is then emptied and closed. A frame offered to a closed queue is dropped.
     */
    boolean offer(FeedFrame frame) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            queuedBytes += frame.length();
            if (queuedBytes > byteLimit) {
                closeLocked(null);
                return false;
            }
            frames.addLast(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the sender: call after the offers of a burst, so that it finds them. */
    void wake() {
        wakeSender.run();
    }

    /**
     * Sender: takes the turn with the pending frames in {@code batch} (at least one, then as many
     * as fit in {@code maxBatchBytes}), or with an empty batch when nothing is pending and
     * {@code heartbeatDue}; holds it until {@link #endTurn}. Never waits.
     */
    Turn tryTakeTurn(FrameBatch batch, long maxBatchBytes, boolean heartbeatDue) {
        lock.lock();
        try {
            if (closed) {
                return Turn.CLOSED;
            }
            if (writing || (frames.isEmpty() && !heartbeatDue)) {
                return Turn.NONE;
            }
            takeLocked(batch, maxBatchBytes);
            writing = true;
            return Turn.TAKEN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publisher: when no one holds the turn and frames are pending, moves them into
     * {@code batch} as {@link #tryTakeTurn} would and holds the turn until {@link #endTurn}.
     *
     * @param maxQueuedBytes the largest burst the publisher writes itself: more pending is left to the sender
     * @return false, leaving everything to the sender, when a writer holds the turn, or the queue is empty,
     *         closed or holds more than {@code maxQueuedBytes}
     */
    boolean takeIdleTurn(FrameBatch batch, long maxBatchBytes, long maxQueuedBytes) {
        lock.lock();
        try {
            if (closed || writing || frames.isEmpty() || queuedBytes > maxQueuedBytes) {
                return false;
            }
            takeLocked(batch, maxBatchBytes);
            writing = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The holder of the turn has written its batch: the sender is woken when frames are left for it. */
    void endTurn() {
        boolean framesLeft;
        lock.lock();
        try {
            writing = false;
            framesLeft = !frames.isEmpty() || closed;
        } finally {
            lock.unlock();
        }
        if (framesLeft) {
            wakeSender.run();
        }
    }

    private void takeLocked(FrameBatch batch, long maxBatchBytes) {
        FeedFrame next;
        while ((next = frames.peekFirst()) != null
                && (batch.isEmpty() || batch.bytes() + next.length() <= maxBatchBytes)) {
            frames.pollFirst();
            queuedBytes -= next.length();
            batch.add(next);
        }
    }

    /** Closes the queue, drops what it holds and wakes the sender; {@code farewell}, when not null, is for the sender to write last. */
    void close(ErrorFrame farewell) {
        lock.lock();
        try {
            closeLocked(farewell);
        } finally {
            lock.unlock();
        }
        wakeSender.run();
    }

    /** The error frame the sender writes before it closes the connection, or null. */
    ErrorFrame farewell() {
        lock.lock();
        try {
            return farewell;
        } finally {
            lock.unlock();
        }
    }

    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    long byteLimit() {
        return byteLimit;
    }

    private void closeLocked(ErrorFrame farewellFrame) {
        if (!closed) {
            closed = true;
            farewell = farewellFrame;
        }
        frames.clear();
        queuedBytes = 0;
    }
}
