package io.tradingstack.strategy.engine;

import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.order.OrderOutcomeListener;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongSupplier;

/**
 * What other threads hand the engine thread: news ticks from the feed thread and order
 * outcomes from the order clients' threads, in one bounded queue, so that all strategy state
 * has one owner and needs no lock. An array queue: handing over allocates nothing. Each hand-over
 * wakes the engine's idle strategy, so a parked engine handles the item at once.
 *
 * <p>An outcome is first offered to the consumer to handle on the order client's thread
 * ({@link DirectHandler}): when the engine is free it is handled there, with no wake-up of the
 * engine thread, which on two cores competes with the threads of the tick-to-trade path.
 */
public final class EngineInbox implements OrderOutcomeListener {

    /** Items waiting: at a few news ticks a second this is never near full unless the engine is stuck. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final ArrayBlockingQueue<Object> queue;
    /** The consumer's idle strategy, once it has one; before that the consumer has not parked yet. */
    private volatile WakeableIdleStrategy consumer;
    /** The consumer's handling on the caller's thread, once it has registered. */
    private volatile DirectHandler direct;

    /** How the consumer handles an item on the handing thread when it is free. */
    @FunctionalInterface
    interface DirectHandler {

        /** @return false when the consumer is busy on another thread: the item is queued instead */
        boolean handleNow(Object item);
    }

    public EngineInbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Feed thread: never blocks the feed; false when full (the tick is dropped and counted by the caller). */
    public boolean offerNews(NewsTick tick) {
        if (!queue.offer(tick)) {
            return false;
        }
        wake();
        return true;
    }

    /**
     * Order client thread: handled now on this thread when the engine is free (after what the
     * inbox holds, so nothing is overtaken), else queued, waiting for room, so that no fill is
     * ever lost.
     */
    @Override
    public void onOutcome(OrderOutcome outcome) throws InterruptedException {
        DirectHandler handler = direct;
        if (handler != null && handler.handleNow(outcome)) {
            return;
        }
        queue.put(outcome);
        wake();
    }

    /** Engine thread: the next item, or null. */
    Object poll() {
        return queue.poll();
    }

    /**
     * The idle strategy of the one consumer: parks until {@code dueNanos} (its own schedule),
     * {@code maxPark}, or the next hand-over; {@code handler} takes outcomes on the handing thread
     * when it can.
     */
    WakeableIdleStrategy consumerIdleStrategy(LongSupplier dueNanos, Duration maxPark, DirectHandler handler) {
        WakeableIdleStrategy idle = WakeableIdleStrategy.untilDue(dueNanos, maxPark);
        synchronized (this) {
            if (consumer != null) {
                throw new IllegalStateException("the engine inbox has one consumer, and it has its idle strategy");
            }
            consumer = idle;
            direct = handler;
        }
        return idle;
    }

    /** After the hand-over: the engine, once awake, finds the item. */
    private void wake() {
        WakeableIdleStrategy idle = consumer;
        if (idle != null) {
            idle.wake();
        }
    }

    public int size() {
        return queue.size();
    }
}
