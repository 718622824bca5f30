package io.tradingstack.gateway.feed;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.tradingstack.protocol.ErrorFrame;

/**
 * The frames waiting for one subscriber's sender, bounded in bytes. The publishing thread
 * offers (never waits); the subscriber's sender thread drains everything pending at once so
 * that a burst leaves with one flush.
 *
 * <p>An offer does not wake the sender: the publisher {@link #wake}s it once at the end of a
 * burst, and only when it is waiting. A wake-up is a context switch for the sender and a
 * system call for the publisher, the largest cost per frame on a small machine, so a burst of
 * ticks pays it once rather than once per tick.
 *
 * <p>One writer at a time: whoever takes frames from the queue holds the <em>turn</em> until it
 * has written them ({@link #endTurn}), so frames leave in order and a heartbeat never overtakes
 * data. Usually that is the sender ({@link #awaitTurn}); on a feed whose publisher writes, the
 * publishing thread takes the turn itself when the sender is idle ({@link #takeIdleTurn}), which
 * spares the wake-up of the sender on the way to the socket.
 *
 * <p>Passing the byte limit is an expected outcome, not an exception: {@link #offer} returns
 * false, the queue empties and closes, and the feed cuts the subscriber. Closing is final;
 * a close may carry a farewell {@code error} frame that the sender writes last.
 */
final class OutboundQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmptyOrClosed = lock.newCondition();
    private final ArrayDeque<FeedFrame> frames = new ArrayDeque<>();
    private final long byteLimit;
    /** Whether the sender waits for frames: written under the lock, read by {@link #wake} without it. */
    private volatile boolean senderWaiting;

    // Guarded by lock.
    private long queuedBytes;
    private boolean closed;
    private ErrorFrame farewell;
    /** A batch taken from the queue is being written, by the sender or the publisher. */
    private boolean writing;
    /** The sender waits for the publisher to end its turn. */
    private boolean senderWantsTurn;

    OutboundQueue(long byteLimit) {
        if (byteLimit < 1) {
            throw new IllegalArgumentException("byteLimit=" + byteLimit + ", must be >= 1");
        }
        this.byteLimit = byteLimit;
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

    /**
     * Wakes the sender if it waits. The flag is read without the lock: the sender sets it under
     * the lock after finding the queue empty, and an offer made before {@link #wake} holds the
     * same lock, so either the sender saw the frame or this call sees the flag.
     */
    void wake() {
        if (senderWaiting) {
            lock.lock();
            try {
                notEmptyOrClosed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Sender: waits up to {@code maxWaitNanos} for frames, and for the turn to write, then moves
     * pending frames into {@code batch} (at least one, then as many as fit in
     * {@code maxBatchBytes}) and holds the turn until {@link #endTurn}.
     *
     * @return false when the queue is closed (the sender stops); true with the turn otherwise,
     *         the batch empty when the wait ran out (time for a heartbeat, perhaps)
     */
    boolean awaitTurn(FrameBatch batch, long maxBatchBytes, long maxWaitNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = maxWaitNanos;
            while (!closed && (writing || (frames.isEmpty() && remaining > 0))) {
                if (writing) {
                    senderWantsTurn = true;
                    try {
                        notEmptyOrClosed.await(); // endTurn or close signals
                    } finally {
                        senderWantsTurn = false;
                    }
                } else {
                    senderWaiting = true;
                    try {
                        remaining = notEmptyOrClosed.awaitNanos(remaining);
                    } finally {
                        senderWaiting = false;
                    }
                }
            }
            if (closed) {
                return false;
            }
            takeLocked(batch, maxBatchBytes);
            writing = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publisher: when the sender is idle (waiting for frames) and frames are pending, moves them
     * into {@code batch} as {@link #awaitTurn} would and holds the turn until {@link #endTurn}.
     *
     * @return false, leaving everything to the sender, when the sender is busy, the queue empty or closed
     */
    boolean takeIdleTurn(FrameBatch batch, long maxBatchBytes) {
        lock.lock();
        try {
            if (closed || writing || !senderWaiting || frames.isEmpty()) {
                return false;
            }
            takeLocked(batch, maxBatchBytes);
            writing = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The holder of the turn has written its batch: the sender may go on if it waits, or if frames are left. */
    void endTurn() {
        lock.lock();
        try {
            writing = false;
            if (senderWantsTurn || (senderWaiting && !frames.isEmpty())) {
                notEmptyOrClosed.signal();
            }
        } finally {
            lock.unlock();
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

    /** Closes the queue and drops what it holds; {@code farewell}, when not null, is for the sender to write last. */
    void close(ErrorFrame farewell) {
        lock.lock();
        try {
            closeLocked(farewell);
        } finally {
            lock.unlock();
        }
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

    /** Whether the sender waits for frames now (for tests that need it idle). */
    boolean isSenderWaiting() {
        return senderWaiting;
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
        notEmptyOrClosed.signalAll();
    }
}
