package io.tradingstack.ordermanager.store;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;

/**
 * An order as it was received and decided: immutable.
 *
 * @param receivedTs when its frame arrived, epoch nanoseconds
 */
public record OrderRecord(Order order, Execution execution, long receivedTs) {

    public String clientOrderId() {
        return order.clientOrderId();
    }

    public long orderId() {
        return execution.orderId();
    }
}
