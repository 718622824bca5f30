package io.tradingstack.protocol;

/**
 * {@code execution}: order manager → strategy, exactly one per {@code order} frame and one per
 * {@code cancel} frame.
 *
 * @param orderId        assigned by the order manager to every decoded order, rejected ones too
 * @param filledQuantity the whole quantity when FILLED, 0 when REJECTED
 * @param price          fixed-point fill price, or {@link Prices#NONE} when nothing filled
 * @param reason         the rejection code when REJECTED, "" when FILLED
 * @param ts             when the execution was decided, epoch nanoseconds
 */
public record Execution(String clientOrderId, long orderId, ExecutionStatus status, long filledQuantity,
                        long price, String reason, long ts) implements Message {

    public static Execution filled(String clientOrderId, long orderId, long quantity, long price, long ts) {
        return new Execution(clientOrderId, orderId, ExecutionStatus.FILLED, quantity, price, "", ts);
    }

    public static Execution rejected(String clientOrderId, long orderId, String reason, long ts) {
        return new Execution(clientOrderId, orderId, ExecutionStatus.REJECTED, 0, Prices.NONE, reason, ts);
    }

    public boolean isFilled() {
        return status == ExecutionStatus.FILLED;
    }

    @Override
    public MessageType type() {
        return MessageType.EXECUTION;
    }
}
