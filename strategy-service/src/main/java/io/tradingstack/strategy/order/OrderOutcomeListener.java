package io.tradingstack.strategy.order;

/**
 * Receives each order's outcome, on the order connection's read thread or the order client's
 * timer thread (never on the thread that submitted the order); the engine's inbox.
 */
@FunctionalInterface
public interface OrderOutcomeListener {

    /**
     * May block while the receiver is full; an outcome is never dropped while the service runs.
     *
     * @throws InterruptedException when the order client is stopping
     */
    void onOutcome(OrderOutcome outcome) throws InterruptedException;
}
