package io.tradingstack.gateway.feed;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sequenced feed: it stamps each message with the session, the next sequence and the emit
 * time, encodes it once, keeps the frame in the replay ring and hands the same frame to every
 * live subscriber's queue.
 *
 * <p>One lock orders publishing and subscribing. A {@link #subscribe} copies the ring and joins
 * the live list under it, so no message can be published between the copy and the join: the
 * subscriber gets every sequence once, with no hole and no duplicate. Under the lock the
 * publisher only encodes, stores and enqueues (no I/O, no waiting), so the lock is held for
 * microseconds; it is contended only while a replay is copied (references, not bytes).
 */
public final class Feed {

    private static final Logger log = LoggerFactory.getLogger(Feed.class);

    private final FeedKind kind;
    private final long session;
    private final EpochNanoClock clock;
    private final FeedMetrics metrics;
    private final FeedTap tap;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private final MessageCodec codec;
    private final ReplayRing ring;
    private final ArrayList<Subscriber> subscribers = new ArrayList<>();
    private long nextSeq = 1;

    // Written under lock, read by health and tests.
    private volatile long lastSeq;
    /** The live subscribers as of the last change, for {@link #flush} to wake without the lock. */
    private volatile Subscriber[] toWake = new Subscriber[0];
    private volatile int subscriberCount;

    Feed(FeedKind kind, long session, EpochNanoClock clock, int ringSize, int maxFrameLength, FeedMetrics metrics,
            FeedTap tap) {
        this.kind = kind;
        this.session = session;
        this.clock = clock;
        this.codec = new MessageCodec(maxFrameLength);
        this.ring = new ReplayRing(ringSize);
        this.metrics = metrics;
        this.tap = tap;
    }

    public FeedKind kind() {
        return kind;
    }

    /** The last sequence published, 0 before the first. */
    public long lastSeq() {
        return lastSeq;
    }

    public int subscriberCount() {
        return subscriberCount;
    }

    /**
     * Publishes one message to every subscriber and sends it on its way at once: as
     * {@link #publishQuietly} followed by {@link #flush}.
     *
     * @throws IllegalArgumentException when the message does not fit in a frame; nothing is
     *                                  published and the sequence is not used
     */
    public void publish(FeedData data) {
        publishQuietly(data);
        flush();
    }

    /**
     * Publishes one message to every subscriber's queue without waking their senders: a source
     * that publishes a burst calls {@link #flush} once after it, so that the burst leaves in one
     * write per subscriber. Never blocks on a subscriber: one whose queue passes its byte limit
     * is cut off and counted.
     *
     * @throws IllegalArgumentException when the message does not fit in a frame; nothing is
     *                                  published and the sequence is not used
     */
    public void publishQuietly(FeedData data) {
        lock.lock();
        try {
            long seq = nextSeq;
            Message message = data.stamp(session, seq, clock.epochNanos());
            FeedFrame frame = new FeedFrame(seq, codec.toFrame(message));
            ring.add(frame);
            nextSeq = seq + 1;
            lastSeq = seq;
            // Backwards, so that a subscriber cut here is removed without skipping the next.
            for (int i = subscribers.size() - 1; i >= 0; i--) {
                Subscriber subscriber = subscribers.get(i);
                if (!subscriber.offer(frame)) {
                    subscribers.remove(i);
                    cutLocked(subscriber, queueFull(subscriber));
                }
            }
            tap.onPublished(message);
        } finally {
            lock.unlock();
        }
        metrics.messageSent();
    }

    /**
     * Sends what was published on its way now: writes it on this thread to each subscriber whose
     * sender is idle when this feed's publisher writes, else wakes each sender that waits.
     */
    public void flush() {
        for (Subscriber subscriber : toWake) {
            subscriber.sendOrWake();
        }
    }

    /**
     * Timer thread: cuts off every subscriber whose write on the publishing thread has been
     * blocked longer than {@code timeoutNanos} (its socket buffers are full: it stopped reading),
     * so that it holds the publisher, and every other subscriber, no longer. The close ends the
     * blocked write.
     */
    void cutStalledWriters(long timeoutNanos) {
        long now = System.nanoTime();
        for (Subscriber subscriber : toWake) {
            long blocked = subscriber.publisherWriteBlockedNanos(now);
            if (blocked <= timeoutNanos) {
                continue;
            }
            lock.lock();
            try {
                if (subscribers.remove(subscriber)) {
                    cutLocked(subscriber, "a write to it has blocked the publisher for " + blocked / 1_000_000
                            + " ms (publisher-write-timeout=" + timeoutNanos / 1_000_000 + " ms)");
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Answers a {@code replay}: queues the held frames asked for, or a {@code reset}
     * and the whole ring when they cannot be served, and joins the live list, atomically with
     * respect to {@link #publish}.
     */
    ReplayOutcome subscribe(Subscriber subscriber, ReplayRequest request) {
        lock.lock();
        try {
            // A close that ran before this lock was taken has already called unsubscribe.
            if (subscriber.isStopped()) {
                return new ReplayOutcome(ReplayOutcome.Kind.CLOSED, nextSeq, 0);
            }
            long from = request.fromSeq();
            long oldest = ring.isEmpty() ? nextSeq : ring.oldestSeq();
            ReplayOutcome outcome;
            if (from == 0) {
                outcome = new ReplayOutcome(ReplayOutcome.Kind.LIVE, nextSeq, 0);
            } else if (request.session() != session || from < oldest || from > nextSeq) {
                boolean fits = subscriber.offer(new FeedFrame(FeedFrame.CONTROL, codec.toFrame(new Reset(session, oldest))))
                        && offerHeld(subscriber, oldest);
                outcome = new ReplayOutcome(fits ? ReplayOutcome.Kind.RESET : ReplayOutcome.Kind.CUT, oldest,
                        nextSeq - oldest);
                metrics.resetSent();
            } else {
                boolean fits = offerHeld(subscriber, from);
                outcome = new ReplayOutcome(fits ? ReplayOutcome.Kind.REPLAYED : ReplayOutcome.Kind.CUT, from,
                        nextSeq - from);
                metrics.replayServed();
            }
            if (outcome.kind() == ReplayOutcome.Kind.CUT) {
                cutLocked(subscriber, queueFull(subscriber));
            } else {
                subscribers.add(subscriber);
                updateSubscriberCount();
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe(Subscriber subscriber) {
        lock.lock();
        try {
            if (subscribers.remove(subscriber)) {
                updateSubscriberCount();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean offerHeld(Subscriber subscriber, long from) {
        for (long seq = from; seq < nextSeq; seq++) {
            if (!subscriber.offer(ring.get(seq))) {
                return false;
            }
        }
        return true;
    }

    /** Under the lock, the subscriber already out of the live list: one count, one log line with {@code why}, the close. */
    private void cutLocked(Subscriber subscriber, String why) {
        updateSubscriberCount();
        metrics.slowConsumerCut();
        log.warn("feed={} connection={} cut off as a slow consumer: {}", kind, subscriber.connectionId(), why);
        subscriber.cut();
    }

    private String queueFull(Subscriber subscriber) {
        return "its outbound queue passed max-queued-bytes=" + subscriber.maxQueuedBytes() + " at seq=" + (nextSeq - 1);
    }

    private void updateSubscriberCount() {
        subscriberCount = subscribers.size();
        toWake = subscribers.toArray(new Subscriber[0]);
        metrics.subscribers(subscriberCount);
    }
}
