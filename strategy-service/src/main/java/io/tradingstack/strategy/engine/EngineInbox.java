package io.tradingstack.strategy.engine;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.order.OrderOutcomeListener;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What other threads hand the engine thread: news ticks from the feed thread and order
 * outcomes from the order clients' threads, in one bounded queue, so that all strategy state
 * has one owner and needs no lock. An array queue: handing over allocates nothing.
 */
public final class EngineInbox implements OrderOutcomeListener {

    /** Items waiting: at a few news ticks a second this is never near full unless the engine is stuck. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final ArrayBlockingQueue<Object> queue;

    public EngineInbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Feed thread: never blocks the feed; false when full (the tick is dropped and counted by the caller). */
    public boolean offerNews(NewsTick tick) {
        return queue.offer(tick);
    }

    /** Order client thread: waits for room, so that no fill is ever lost. */
    @Override
    public void onOutcome(OrderOutcome outcome) throws InterruptedException {
        queue.put(outcome);
    }

    /** Engine thread: the next item, waiting up to {@code nanos}; null if none came. */
    Object poll(long nanos) throws InterruptedException {
        return nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    public int size() {
        return queue.size();
    }
}
