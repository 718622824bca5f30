package io.tradingstack.ordermanager.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import java.math.BigDecimal;

/**
 * One order in the REST API: the order's fields, its execution's fields and when it arrived.
 * Prices are JSON numbers in currency units; times are epoch nanoseconds. As on the wire, an
 * absent value is left out, never null: {@code limitPrice} for a market order, {@code originTs}
 * when no tick caused the order, {@code price} when nothing filled, {@code reason} when filled.
 * An order cancelled before it was decided is listed as its REJECTED {@code CANCELLED} execution
 * with the {@code clientOrderId} and {@code strategyId} of its cancel, and no order fields
 * ({@code symbol}, {@code side}, {@code quantity}): the order itself never reached a decision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(String clientOrderId, String strategyId, String symbol, String side, Long quantity,
        BigDecimal limitPrice, Long originTs, long orderId, String status, long filledQuantity, BigDecimal price,
        String reason, long ts, long receivedTs) {

    public static OrderItem of(OrderRecord record) {
        Execution execution = record.execution();
        if (record.isFence()) {
            return new OrderItem(record.clientOrderId(), record.strategyId(), null, null, null, null, null,
                execution.orderId(), execution.status().name(), 0, null, execution.reason(), execution.ts(),
                record.receivedTs());
        }
        Order order = record.order();
        return new OrderItem(order.clientOrderId(), order.strategyId(), order.symbol(), order.side().name(),
            order.quantity(), order.hasLimitPrice() ? Money.toDecimal(order.limitPrice()) : null,
            order.originTs() > 0 ? order.originTs() : null, execution.orderId(), execution.status().name(),
            execution.filledQuantity(), execution.isFilled() ? Money.toDecimal(execution.price()) : null,
            execution.isFilled() ? null : execution.reason(), execution.ts(), record.receivedTs());
    }
}
