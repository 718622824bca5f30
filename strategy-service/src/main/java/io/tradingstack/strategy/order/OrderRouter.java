package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Order;

/** Where the engine hands an order: the order client of the order's strategy. */
@FunctionalInterface
public interface OrderRouter {

    /**
     * Queues the order for sending and returns at once; its outcome comes back through the
     * {@link OrderOutcomeListener}.
     *
     * @return false if it was not queued (no client for its strategy, the client is stopped or
     *         its queue is full): no outcome will come
     */
    boolean submit(Order order);
}
