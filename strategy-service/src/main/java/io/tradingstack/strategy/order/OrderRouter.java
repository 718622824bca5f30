package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Order;

/** Where the engine hands an order: the order client of the order's strategy. */
@FunctionalInterface
public interface OrderRouter {

    /**
     * Hands the order to its client, which writes it on the calling thread when nothing of its
     * strategy is in flight and a connection is open, and otherwise queues it; returns without
     * waiting for the answer. Its outcome comes back through the {@link OrderOutcomeListener},
     * never on the calling thread.
     *
     * @return false if it was not queued (no client for its strategy, the client is stopped or
     *         its queue is full): no outcome will come
     */
    boolean submit(Order order);
}
