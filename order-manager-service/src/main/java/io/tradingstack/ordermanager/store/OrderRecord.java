package io.tradingstack.ordermanager.store;

import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.Order;

/**
 * An order as it was received and decided, or a fence: a {@code cancel} that arrived before its
 * order was decided, stored with its REJECTED {@code CANCELLED} execution, which then answers every
 * copy of the order that arrives later. Immutable. Exactly one of {@code order} and {@code fence}
 * is set.
 *
 * @param order      the order, or null for a fence
 * @param fence      the cancel that settled an undecided order, or null for an order
 * @param receivedTs when its frame arrived, epoch nanoseconds
 */
public record OrderRecord(Order order, Cancel fence, Execution execution, long receivedTs) {

    public OrderRecord {
        if ((order == null) == (fence == null)) {
            throw new IllegalArgumentException("an order record holds an order or a fence, found order=" + order
                + " fence=" + fence);
        }
    }

    public OrderRecord(Order order, Execution execution, long receivedTs) {
        this(order, null, execution, receivedTs);
    }

    /** A cancel that found no decided order: its REJECTED CANCELLED execution stands for the order from now on. */
    public static OrderRecord fence(Cancel cancel, Execution cancelled, long receivedTs) {
        return new OrderRecord(null, cancel, cancelled, receivedTs);
    }

    public boolean isFence() {
        return fence != null;
    }

    /** What the strategy sent: the order, or the cancel of a fence. */
    public Message request() {
        return order != null ? order : fence;
    }

    public String clientOrderId() {
        return execution.clientOrderId();
    }

    public String strategyId() {
        return order != null ? order.strategyId() : fence.strategyId();
    }

    public long orderId() {
        return execution.orderId();
    }
}
