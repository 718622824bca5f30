package io.tradingstack.strategy.order;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands one order client's outcomes to the strategy in the order they were decided, one at a
 * time.
 *
 * <p>Outcomes are decided on the connection's read thread (an execution, or the answer to the
 * cancel of an expired order) or on the client's timer thread (an expiry). The client adds each under its own lock, so the queue holds them in
 * decision order; {@link #handOver()} is then called outside that lock, because the listener
 * may block while the engine's inbox is full, and a thread waiting there must not keep the
 * engine thread from submitting (which takes the client's lock). Never called on the engine
 * thread: it would wait for room in the inbox that only it can make.
 */
final class OutcomeHandOver {

    private final OrderOutcomeListener outcomes;
    private final ConcurrentLinkedQueue<OrderOutcome> decided = new ConcurrentLinkedQueue<>();
    /** One thread hands over at a time, so a later outcome never overtakes an earlier one. */
    private final ReentrantLock handing = new ReentrantLock();

    OutcomeHandOver(OrderOutcomeListener outcomes) {
        this.outcomes = outcomes;
    }

    /** An outcome decided; called under the client's lock, so in decision order. */
    void add(OrderOutcome outcome) {
        decided.add(outcome);
    }

    /**
     * Hands over every outcome decided so far. A thread that finds another handing over waits
     * for it and then hands over what is left: each caller leaves nothing it added behind.
     *
     * @throws InterruptedException when the client is stopping
     */
    void handOver() throws InterruptedException {
        handing.lockInterruptibly();
        try {
            for (OrderOutcome outcome = decided.poll(); outcome != null; outcome = decided.poll()) {
                outcomes.onOutcome(outcome);
            }
        } finally {
            handing.unlock();
        }
    }
}
