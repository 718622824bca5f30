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
     * Moves pending frames into {@code batch}, at least one and then as many as fit in
     * {@code maxBatchBytes}, waiting up to {@code maxWaitNanos} for the first.
     *
     * @return false when the queue is closed (the sender stops); true otherwise, the batch
     *         possibly empty when the wait ran out
     */
    boolean drainTo(FrameBatch batch, long maxBatchBytes, long maxWaitNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = maxWaitNanos;
            while (frames.isEmpty() && !closed && remaining > 0) {
                senderWaiting = true;
                try {
                    remaining = notEmptyOrClosed.awaitNanos(remaining);
                } finally {
                    senderWaiting = false;
                }
            }
            if (closed) {
                return false;
            }
            FeedFrame next;
            while ((next = frames.peekFirst()) != null
                    && (batch.isEmpty() || batch.bytes() + next.length() <= maxBatchBytes)) {
                frames.pollFirst();
                queuedBytes -= next.length();
                batch.add(next);
            }
            return true;
        } finally {
            lock.unlock();
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
